package io.getorcreate.internal;

import java.util.List;
import java.util.StringJoiner;

/**
 * A set of a table's columns, by index in the table's column order: the columns a statement names, binds
 * or compares. One bit per column, so a table has at most 64 columns (the processor refuses more
 * components). Iterate in column order with {@code for (int c = set.first(); c >= 0; c = set.next(c))}.
 *
 * @param bits bit {@code c} set where column {@code c} is in the set
 */
record ColumnSet(long bits) {
    static final ColumnSet EMPTY = new ColumnSet(0L);

    /** Every column of a table of {@code size} columns. */
    static ColumnSet all(int size) {
        return new ColumnSet(size == 64 ? -1L : (1L << size) - 1);
    }

    static ColumnSet of(List<Integer> columns) {
        long bits = 0;
        for (int c : columns) {
            bits |= 1L << c;
        }
        return new ColumnSet(bits);
    }

    boolean contains(int column) {
        return (bits & (1L << column)) != 0;
    }

    ColumnSet with(int column) {
        return new ColumnSet(bits | (1L << column));
    }

    ColumnSet without(int column) {
        return new ColumnSet(bits & ~(1L << column));
    }

    ColumnSet union(ColumnSet other) {
        return new ColumnSet(bits | other.bits);
    }

    ColumnSet minus(ColumnSet other) {
        return new ColumnSet(bits & ~other.bits);
    }

    boolean isEmpty() {
        return bits == 0;
    }

    int size() {
        return Long.bitCount(bits);
    }

    /** The lowest column in the set, or -1 for an empty set. */
    int first() {
        return bits == 0 ? -1 : Long.numberOfTrailingZeros(bits);
    }

    /** The next column after {@code column}, or -1 past the last. */
    int next(int column) {
        long rest = column >= 63 ? 0 : bits & (-1L << (column + 1));
        return rest == 0 ? -1 : Long.numberOfTrailingZeros(rest);
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        for (int c = first(); c >= 0; c = next(c)) {
            j.add(Integer.toString(c));
        }
        return j.toString();
    }
}
