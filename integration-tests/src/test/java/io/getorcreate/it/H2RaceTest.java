package io.getorcreate.it;

class H2RaceTest extends RaceTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
