package io.getorcreate.it;

class MariaDbLazyBulkTransactionTest extends LazyBulkTransactionTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }

    @Override
    String sessionIdSql() {
        return "SELECT CONNECTION_ID()";
    }

    @Override
    String waitingOnSql() {
        return "SELECT COUNT(*) FROM information_schema.innodb_lock_waits w JOIN information_schema.innodb_trx t ON t.trx_id = w.blocking_trx_id WHERE t.trx_mysql_thread_id = ?";
    }
}
