package io.getorcreate.it;

class MariaDbUserSchemaTest extends UserSchemaTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
