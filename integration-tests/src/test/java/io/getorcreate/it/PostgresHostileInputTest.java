package io.getorcreate.it;

class PostgresHostileInputTest extends HostileInputTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
