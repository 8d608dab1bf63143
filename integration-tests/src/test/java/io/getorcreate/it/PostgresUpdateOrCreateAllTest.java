package io.getorcreate.it;

class PostgresUpdateOrCreateAllTest extends UpdateOrCreateAllTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
