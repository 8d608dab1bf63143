package io.getorcreate.stress;

import java.util.Locale;

/** One stress configuration: a database, an isolation level, and a way of calling. */
record Config(Db db, Isolation isolation, Mode mode) {
    enum Db { H2, POSTGRES, MARIADB }

    enum Isolation {
        READ_COMMITTED("TRANSACTION_READ_COMMITTED"),
        REPEATABLE_READ("TRANSACTION_REPEATABLE_READ"),
        SERIALIZABLE("TRANSACTION_SERIALIZABLE");

        final String hikari;

        Isolation(String hikari) {
            this.hikari = hikari;
        }
    }

    /** {@code DAO}: the DAO owns each call. {@code CALLER}: each call runs in a caller's transaction via {@code on(handle)}. */
    enum Mode { DAO, CALLER }

    String name() {
        return (db + "-" + isolation + "-" + mode).toLowerCase(Locale.ROOT);
    }

    static Config parse(String name) {
        String[] p = name.toUpperCase(Locale.ROOT).split("-");
        return new Config(Db.valueOf(p[0]), Isolation.valueOf(p[1]), Mode.valueOf(p[2]));
    }
}
