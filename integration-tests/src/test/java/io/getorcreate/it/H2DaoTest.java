package io.getorcreate.it;

class H2DaoTest extends DaoContractTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
