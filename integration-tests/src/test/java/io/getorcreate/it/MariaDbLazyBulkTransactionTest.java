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
        // This run's database: the only other session running an INSERT is the call, waiting (an autocommit
        // statement's lock wait is not always listed in innodb_trx).
        return "SELECT COUNT(*) FROM information_schema.processlist WHERE DB = DATABASE() AND ID <> ? "
                + "AND INFO LIKE 'INSERT INTO%'";
    }
}
