package io.getorcreate.it;

class PostgresDaoTest extends DaoContractTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
