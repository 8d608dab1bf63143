package io.getorcreate.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntToLongFunction;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One retry policy: how many attempts, how long to pause between them, and which failures are worth
 * another attempt. The failure finally thrown carries the earlier ones as suppressed exceptions, so a
 * caller who sees "gave up" also sees why the attempts failed. An interrupted thread is never made to
 * pause or retry: the failure is thrown at once and the interrupt flag stays set.
 */
final class Retry {
    private static final Logger LOG = LoggerFactory.getLogger("io.getorcreate.retry");
    /** Earlier failures kept on the one finally thrown; the log has every one. */
    private static final int MAX_SUPPRESSED = 8;

    /**
     * A DAO-owned transaction that hit a serialization failure, deadlock or lock timeout: a random pause
     * up to 1 ms, doubling to 256 ms, so that transactions that keep conflicting (SERIALIZABLE bulk calls
     * on hot keys) spread out; about 2.5 s in all at worst.
     */
    static final Retry TRANSIENT = new Retry("a serialization failure, deadlock or lock timeout", 20,
            attempt -> ThreadLocalRandom.current().nextLong(1_000_000L << Math.min(attempt - 1, 8)));
    /** A DAO-owned idempotent call whose connection was lost: a server restart takes seconds, about 6 s in all. */
    static final Retry LOST_CONNECTION = new Retry("a lost connection", 8,
            attempt -> (50L << Math.min(attempt - 1, 5)) * 1_000_000L);

    /** One attempt of the work being retried. */
    @FunctionalInterface
    interface Attempt<R> {
        R run() throws SQLException;
    }

    private final String cause;
    private final int maxAttempts;
    private final IntToLongFunction pauseNanos;

    Retry(String cause, int maxAttempts, IntToLongFunction pauseNanos) {
        this.cause = cause;
        this.maxAttempts = maxAttempts;
        this.pauseNanos = pauseNanos;
    }

    int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Runs {@code attempt} until it returns, throws a failure that {@code retryable} refuses, or the
     * attempts run out.
     *
     * @param afterFailure runs after each failure that is retried, before the pause (a rollback, say)
     */
    <R> R run(String table, Attempt<R> attempt, Predicate<Exception> retryable, Runnable afterFailure)
            throws SQLException {
        List<Exception> earlier = null;
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (SQLException | RuntimeException e) {
                if (n >= maxAttempts || Thread.currentThread().isInterrupted() || !retryable.test(e)) {
                    if (earlier != null) {
                        for (Exception before : earlier) {
                            if (before != e) {
                                e.addSuppressed(before);
                            }
                        }
                    }
                    throw e;
                }
                if (earlier == null) {
                    earlier = new ArrayList<>();
                }
                if (earlier.size() < MAX_SUPPRESSED) {
                    earlier.add(e);
                }
                LOG.warn("Retrying a call on table {} after {} (attempt {} of {}): {}", table, cause, n, maxAttempts,
                        e.toString());
                afterFailure.run();
                LockSupport.parkNanos(pauseNanos.applyAsLong(n));
            }
        }
    }
}
