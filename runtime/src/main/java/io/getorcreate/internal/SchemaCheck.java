package io.getorcreate.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schema checks of one DAO's database, one for each place its table resolves to (the current
 * database on MariaDB/MySQL, the current schema on H2), run on the first call there and kept once
 * passed; shared with the DAOs that {@code on(handle)} derives for handles of the same {@code Jdbi}. A
 * failed check is not kept, so once the schema is fixed the next call goes through. On PostgreSQL the
 * search path decides where the table is, which a call cannot learn without a round trip: a statement
 * that meets another table than the one checked fails (ON CONFLICT needs the key's unique index), and
 * the check then runs again where the call is.
 */
final class SchemaCheck {
    /** Places kept at most (tenants' schemas, say); past it a place is checked on every call. */
    private static final int MAX_PLACES = 1_000;

    private final Map<String, VerifiedSchema> passed = new ConcurrentHashMap<>();
    private volatile Dialect dialect;

    VerifiedSchema verified(Connection connection, TableSpec<?> table) throws SQLException {
        Dialect d = dialect;
        if (d == null) {
            d = Dialect.detect(connection.getMetaData());
            dialect = d;
        }
        String place = d.place(connection);
        VerifiedSchema verified = passed.get(place);
        if (verified == null) {
            verified = SchemaVerifier.verify(connection, d, table);
            if (passed.size() < MAX_PLACES) {
                passed.put(place, verified);
            }
        }
        return verified;
    }

    /** Forgets the check of the place this connection is at, so that the next call checks again. */
    void forget(Connection connection) throws SQLException {
        Dialect d = dialect;
        if (d != null) {
            passed.remove(d.place(connection));
        }
    }
}
