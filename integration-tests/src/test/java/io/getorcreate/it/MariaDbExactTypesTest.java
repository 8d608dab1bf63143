package io.getorcreate.it;

class MariaDbExactTypesTest extends ExactTypesTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
