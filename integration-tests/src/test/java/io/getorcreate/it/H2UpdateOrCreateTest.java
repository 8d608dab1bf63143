package io.getorcreate.it;

class H2UpdateOrCreateTest extends UpdateOrCreateTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
