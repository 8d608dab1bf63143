package io.getorcreate.it;

class PostgresEdgesTest extends EdgesTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
