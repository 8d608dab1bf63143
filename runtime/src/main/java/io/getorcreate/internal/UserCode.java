package io.getorcreate.internal;

import java.util.function.Consumer;

/**
 * Runs the user's own callbacks ({@code defaults}): whatever they throw leaves the DAO unchanged, is never
 * retried or translated, and nothing of that call is written.
 */
final class UserCode {
    private UserCode() {}

    /** Carries a callback's exception through the runtime's handlers to the DAO's boundary. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private Failure(RuntimeException thrown) {
            super(null, thrown, false, false);
        }

        RuntimeException thrown() {
            return (RuntimeException) getCause();
        }
    }

    static <V> void run(Consumer<V> callback, V value) {
        try {
            callback.accept(value);
        } catch (RuntimeException e) {
            throw new Failure(e);
        }
    }
}
