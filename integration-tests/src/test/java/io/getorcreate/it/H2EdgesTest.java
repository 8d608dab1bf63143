package io.getorcreate.it;

class H2EdgesTest extends EdgesTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
