package io.getorcreate.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bar's rate and time remaining, against a clock the test moves (no real time involved). */
class ProgressTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final StringWriter text = new StringWriter();

    private Progress progress(long total, boolean enabled) {
        return new Progress(new PrintWriter(text), total, enabled, clock::get);
    }

    private String lastDrawn() {
        String all = text.toString();
        return all.substring(all.lastIndexOf('\r') + 1);
    }

    @Test
    void showsTheRateSoFarAndTheTimeLeftAtThatRate() {
        Progress progress = progress(800, true);
        for (int i = 0; i < 200; i++) {
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(5)); // 200 orders/s
            progress.step();
        }
        assertThat(lastDrawn()).startsWith("[#######                       ]  25% 200/800 orders")
                .contains("  200 orders/s  ETA 0:03");
        for (int i = 0; i < 600; i++) {
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(5));
            progress.step();
        }
        progress.finish();
        assertThat(text.toString()).endsWith(System.lineSeparator());
        assertThat(lastDrawn().stripTrailing())
                .isEqualTo("[" + "#".repeat(30) + "] 100% 800/800 orders  200 orders/s  in 0:04");
    }

    @Test
    void theStartUpBeforeTheFirstOrderDoesNotCount() {
        Progress progress = progress(100, true);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(30)); // a slow first connection
        progress.step();
        assertThat(lastDrawn()).endsWith("1/100 orders  -- orders/s  ETA --:--");
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
        progress.step();
        assertThat(lastDrawn()).endsWith("2/100 orders  2.0 orders/s  ETA 0:49");
    }

    @Test
    void anHourOrMoreReadsAsHoursMinutesSeconds() {
        Progress progress = progress(10_000, true);
        progress.step();
        clock.addAndGet(TimeUnit.SECONDS.toNanos(2)); // one order in 2 s: 9,998 more take 19,996 s
        progress.step();
        assertThat(lastDrawn()).contains("0.50 orders/s  ETA 5:33:16");
    }

    @Test
    void aShorterLineBlanksOutTheEndOfTheLongerOneBefore() {
        Progress progress = progress(4, true);
        progress.step();
        clock.addAndGet(TimeUnit.SECONDS.toNanos(4000));
        progress.step(); // 2 orders left at one per 4,000 s
        clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
        progress.step(); // 1 left at two per 4,001 s: two characters shorter
        String[] draws = text.toString().split("\r");
        assertThat(draws[2]).endsWith("0.00025 orders/s  ETA 2:13:20");
        assertThat(draws[3]).endsWith("0.00050 orders/s  ETA 33:21  ").hasSameSizeAs(draws[2]);
    }

    @Test
    void drawsNothingWhenDisabled() {
        Progress progress = progress(10, false);
        for (int i = 0; i < 10; i++) {
            progress.step();
        }
        progress.finish();
        assertThat(text.toString()).isEmpty();
    }
}
