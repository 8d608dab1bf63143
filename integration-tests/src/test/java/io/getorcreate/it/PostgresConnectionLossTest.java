package io.getorcreate.it;

import org.jdbi.v3.core.Handle;

class PostgresConnectionLossTest extends ConnectionLossTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }

    @Override
    String backendId(Handle h) {
        return h.createQuery("SELECT pg_backend_pid()").mapTo(String.class).one();
    }

    @Override
    String killSql(String backendId) {
        return "SELECT pg_terminate_backend(" + backendId + ", 10000)"; // waits until the backend is gone
    }
}
