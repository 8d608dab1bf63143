package io.getorcreate.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The schema check of one DAO's database, run on its first call and kept once passed; shared with the
 * DAOs that {@code on(handle)} derives for handles of the same {@code Jdbi}. A failed check is not kept,
 * so once the schema is fixed the next call goes through.
 */
final class SchemaCheck {
    private final AtomicReference<VerifiedSchema> passed = new AtomicReference<>();

    VerifiedSchema verified(Connection connection, TableSpec<?> table) throws SQLException {
        VerifiedSchema verified = passed.get();
        if (verified == null) {
            verified = SchemaVerifier.verify(connection, Dialect.detect(connection.getMetaData()), table);
            passed.set(verified);
        }
        return verified;
    }

    /** The passed check, or null before one passed. */
    VerifiedSchema passed() {
        return passed.get();
    }
}
