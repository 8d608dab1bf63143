package io.getorcreate.it;

class H2LazyBulkAttackTest extends LazyBulkAttackTest {
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
        return "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> ? "
                + "AND EXECUTING_STATEMENT LIKE 'INSERT INTO%'";
    }
}
