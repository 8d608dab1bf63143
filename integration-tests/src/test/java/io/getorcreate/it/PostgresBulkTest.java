package io.getorcreate.it;

class PostgresBulkTest extends BulkTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
