package io.getorcreate.internal;

/** How one call meets its connection's transaction. */
enum Mode {
    /** Every statement commits by itself: nothing is begun or committed, and a failed statement harms nothing. */
    AUTOCOMMIT,
    /**
     * A transaction on a handle this DAO opened itself (a pool that hands out {@code autoCommit=false}
     * connections): the DAO commits it, or rolls it back and may run the call again.
     */
    OWN_TRANSACTION,
    /** A transaction someone else began: joined, never committed or rolled back here. */
    CALLER_TRANSACTION
}
