package io.getorcreate.it;

class MariaDbIsolationTest extends IsolationTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
