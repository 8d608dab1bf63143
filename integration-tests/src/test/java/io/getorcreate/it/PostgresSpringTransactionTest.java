package io.getorcreate.it;

class PostgresSpringTransactionTest extends SpringTransactionTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
