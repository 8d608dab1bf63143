package io.getorcreate.it;

class H2HostileInputTest extends HostileInputTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
