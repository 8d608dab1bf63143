package io.getorcreate.it;

class H2LazyBulkTransactionTest extends LazyBulkTransactionTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }

    @Override
    String sessionIdSql() {
        return "SELECT SESSION_ID()";
    }

    @Override
    String waitingOnSql() {
        // A private in-memory database: the only other session running an INSERT is the call, waiting.
        return "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> ? "
                + "AND EXECUTING_STATEMENT LIKE 'INSERT INTO%'";
    }
}
