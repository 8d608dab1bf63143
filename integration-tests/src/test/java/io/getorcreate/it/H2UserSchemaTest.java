package io.getorcreate.it;

class H2UserSchemaTest extends UserSchemaTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
