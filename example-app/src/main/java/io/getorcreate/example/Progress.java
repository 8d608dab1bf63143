package io.getorcreate.example;

import java.io.Console;
import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar, with the rate so far and the time remaining at that rate:
 * {@code [#########                     ]  30% 3,000/10,000 orders  1,250 orders/s  ETA 0:06}. The rate is
 * measured from the first order (or batch) done, so that the start-up (connections, a cold JVM) does not make
 * the first estimates absurd; the last line gives the overall rate and time. The bar is redrawn when the percentage
 * moves, and at least every {@value #REDRAW_MILLIS} ms so that a slow import still shows a live rate.
 */
final class Progress {
    private static final int WIDTH = 30;
    static final long REDRAW_MILLIS = 250;
    /** Before this much time has passed, a rate would be noise: the bar shows none yet. */
    private static final long MIN_ELAPSED_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final PrintWriter out;
    private final long total;
    private final boolean enabled;
    private final LongSupplier nanoClock;
    private final long start;
    private final AtomicLong done = new AtomicLong();
    private long firstAt = -1;
    private long firstCount;
    private int shownPercent = -1;
    private long shownAt;
    private int shownLength;

    Progress(PrintWriter out, long total, boolean enabled) {
        this(out, total, enabled, System::nanoTime);
    }

    /** With the clock the rate is measured by, for tests. */
    Progress(PrintWriter out, long total, boolean enabled, LongSupplier nanoClock) {
        this.out = out;
        this.total = total;
        this.enabled = enabled && total > 0;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
    }

    /**
     * Whether a progress bar belongs on stderr when the user did not say: only on a terminal. (Up to Java 21,
     * {@link System#console()} is null unless the process runs on one; from Java 22 it always exists, and
     * {@code Console.isTerminal()} says.)
     */
    static boolean onATerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException beforeJava22) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    void step() {
        step(1);
    }

    /** {@code orders} more done at once (a batch). */
    void step(long orders) {
        long now = done.addAndGet(orders);
        if (!enabled) {
            return;
        }
        int percent = (int) (now * 100 / total);
        long at = nanoClock.getAsLong();
        synchronized (this) {
            if (firstAt < 0) {
                firstAt = at;
                firstCount = now;
            }
            if (percent != shownPercent || at - shownAt >= TimeUnit.MILLISECONDS.toNanos(REDRAW_MILLIS)) {
                draw(done.get(), at, false);
            }
        }
    }

    void finish() {
        if (enabled) {
            synchronized (this) {
                draw(done.get(), nanoClock.getAsLong(), true);
                out.println();
                out.flush();
            }
        }
    }

    private void draw(long count, long at, boolean finished) {
        int percent = (int) (count * 100 / total);
        shownPercent = percent;
        shownAt = at;
        int filled = percent * WIDTH / 100;
        long elapsed = at - start;
        StringBuilder line = new StringBuilder(String.format("[%s%s] %3d%% %,d/%,d orders", "#".repeat(filled),
                " ".repeat(WIDTH - filled), percent, count, total));
        if (finished) {
            line.append(elapsed < MIN_ELAPSED_NANOS ? "" : "  " + rate(count * 1e9 / elapsed) + " orders/s")
                    .append("  in ").append(clock(elapsed));
        } else if (firstAt < 0 || count <= firstCount || at - firstAt < MIN_ELAPSED_NANOS) {
            line.append("  -- orders/s  ETA --:--");
        } else {
            double rate = (count - firstCount) * 1e9 / (at - firstAt);
            line.append("  ").append(rate(rate)).append(" orders/s  ETA ")
                    .append(clock((long) ((total - count) / rate * 1e9)));
        }
        int length = line.length();
        // Blank out the end of a longer line drawn before (the ETA shrinks).
        line.append(" ".repeat(Math.max(0, shownLength - length)));
        shownLength = length;
        out.print("\r" + line);
        out.flush();
    }

    private static String rate(double perSecond) {
        if (perSecond < 1) {
            return String.format("%.2g", perSecond);
        }
        return perSecond < 10 ? String.format("%.1f", perSecond) : String.format("%,d", Math.round(perSecond));
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on; whole seconds rounded up. */
    static String clock(long nanos) {
        long seconds = (nanos + 999_999_999L) / 1_000_000_000L;
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
    }
}
