package io.getorcreate.it;

class PostgresUserSchemaTest extends UserSchemaTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
