package io.getorcreate.it;

class MariaDbSpringTransactionTest extends SpringTransactionTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
