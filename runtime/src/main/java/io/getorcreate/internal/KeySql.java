package io.getorcreate.internal;

/**
 * The statements for one key on one dialect, written by the processor at compile time.
 *
 * @param select the row by key
 * @param lockingSelect the row by key with a locking read (the same as {@code select} where none is needed)
 * @param getOrCreate the statement that creates the row from the key alone (on PostgreSQL it also
 *     returns an existing row, with a trailing boolean "created" column)
 */
public record KeySql(String select, String lockingSelect, String getOrCreate) {}
