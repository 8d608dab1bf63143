package io.getorcreate.it;

class MariaDbHostileInputTest extends HostileInputTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
