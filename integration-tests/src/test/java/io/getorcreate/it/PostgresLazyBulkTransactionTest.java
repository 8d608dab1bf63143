package io.getorcreate.it;

class PostgresLazyBulkTransactionTest extends LazyBulkTransactionTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }

    @Override
    String sessionIdSql() {
        return "SELECT pg_backend_pid()";
    }

    @Override
    String waitingOnSql() {
        return "SELECT count(*) FROM pg_stat_activity WHERE ?::int = ANY(pg_blocking_pids(pid))";
    }
}
