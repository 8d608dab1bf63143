package io.getorcreate.it;

class H2BulkTest extends BulkTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
