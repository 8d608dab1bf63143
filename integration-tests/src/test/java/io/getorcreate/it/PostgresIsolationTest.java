package io.getorcreate.it;

class PostgresIsolationTest extends IsolationTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
