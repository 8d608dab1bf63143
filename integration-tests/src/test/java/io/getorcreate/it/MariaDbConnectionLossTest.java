package io.getorcreate.it;

import org.jdbi.v3.core.Handle;

class MariaDbConnectionLossTest extends ConnectionLossTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }

    @Override
    String backendId(Handle h) {
        return h.createQuery("SELECT CONNECTION_ID()").mapTo(String.class).one();
    }

    @Override
    String killSql(String backendId) {
        return "KILL CONNECTION " + backendId;
    }
}
