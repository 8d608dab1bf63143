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

        private Failure(Exception thrown) {
            super(null, thrown, false, false);
        }

        /** Throws what the callback threw, as it was: a checked exception too (thrown sneakily, as it came in). */
        RuntimeException rethrow() {
            throw UserCode.<RuntimeException>sneaky(getCause());
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable e) throws E {
        throw (E) e;
    }

    static <V> void run(Consumer<V> callback, V value) {
        try {
            callback.accept(value);
        } catch (Exception e) { // a checked one too, where a language or a trick throws it undeclared
            throw new Failure(e);
        }
    }
}
