package io.getorcreate.internal;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Maps the current row (columns in the table's order, from index 1) to a record; generated, no reflection. */
@FunctionalInterface
public interface RowReader<T> {
    T read(ResultSet rs, Dialect dialect) throws SQLException;
}
