package io.getorcreate.it;

class MariaDbBulkTest extends BulkTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
