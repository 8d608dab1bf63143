package io.getorcreate.it;

class PostgresExactTypesTest extends ExactTypesTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
