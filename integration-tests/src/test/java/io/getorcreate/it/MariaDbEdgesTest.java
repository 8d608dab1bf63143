package io.getorcreate.it;

class MariaDbEdgesTest extends EdgesTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
