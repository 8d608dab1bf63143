package io.getorcreate.it;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.api.Trigger;

/** An H2 row-level trigger that records each row it fires for in table {@code uoc_hits}. */
public final class H2UpdateCounter implements Trigger {
    public H2UpdateCounter() {}

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.executeUpdate("INSERT INTO \"UOC_HITS\" (\"N\") VALUES (1)");
        }
    }
}
