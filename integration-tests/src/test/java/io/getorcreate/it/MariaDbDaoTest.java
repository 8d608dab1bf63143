package io.getorcreate.it;

class MariaDbDaoTest extends DaoContractTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }
}
