package io.getorcreate.example;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/** A one-line progress bar on stderr, redrawn when the percentage moves. */
final class Progress {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final long total;
    private final boolean enabled;
    private final AtomicLong done = new AtomicLong();
    private int shown = -1;

    Progress(PrintStream out, long total, boolean enabled) {
        this.out = out;
        this.total = total;
        this.enabled = enabled && total > 0;
    }

    void step() {
        long now = done.incrementAndGet();
        if (!enabled) {
            return;
        }
        int percent = (int) (now * 100 / total);
        synchronized (this) {
            if (percent != shown) {
                shown = percent;
                int filled = percent * WIDTH / 100;
                out.printf("\r[%s%s] %3d%% %,d/%,d orders", "#".repeat(filled), " ".repeat(WIDTH - filled), percent, now,
                        total);
                out.flush();
            }
        }
    }

    void finish() {
        if (enabled) {
            out.println();
        }
    }
}
