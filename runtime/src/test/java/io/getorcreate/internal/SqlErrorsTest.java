package io.getorcreate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.getorcreate.IntegrityViolationException.Kind;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Classification of the messages each driver really sends (copied from live runs against each server). */
class SqlErrorsTest {
    private static SqlErrors.Violation classify(Dialect dialect, String state, int code, String message) {
        return SqlErrors.violation(dialect, new SQLException(message, state, code));
    }

    @Test
    void h2() {
        assertThat(classify(Dialect.H2, "23505", 23505, "Unique index or primary key violation: "
                + "\"PUBLIC.CATEGORY_NAME_KEY_INDEX_3 ON PUBLIC.CATEGORY(NAME NULLS FIRST) VALUES ( /* 1 */ 'a' )\"; "
                + "SQL statement:")).isEqualTo(new SqlErrors.Violation(Kind.UNIQUE, "CATEGORY_NAME_KEY",
                        "CATEGORY_NAME_KEY_INDEX_3"));
        assertThat(classify(Dialect.H2, "23506", 23506, "Referential integrity constraint violation: "
                + "\"POST_CATEGORY_FK: PUBLIC.POST FOREIGN KEY(CATEGORY_ID) REFERENCES PUBLIC.CATEGORY(ID) "
                + "(CAST(999 AS BIGINT))\"; SQL statement:"))
                .isEqualTo(new SqlErrors.Violation(Kind.FOREIGN_KEY, "POST_CATEGORY_FK"));
        assertThat(classify(Dialect.H2, "23513", 23513, "Check constraint violation: \"CK: \"; SQL statement:"))
                .isEqualTo(new SqlErrors.Violation(Kind.CHECK, "CK"));
        assertThat(classify(Dialect.H2, "23502", 23502, "NULL not allowed for column \"CATEGORY_ID\""))
                .isEqualTo(new SqlErrors.Violation(Kind.NOT_NULL, null));
        assertThat(classify(Dialect.H2, "42S02", 42102, "Table \"X\" not found")).isNull();
    }

    @Test
    void mariaDb() {
        assertThat(classify(Dialect.MARIADB, "23000", 1062, "Duplicate entry 'a' for key 'account_handle_key'"))
                .isEqualTo(new SqlErrors.Violation(Kind.UNIQUE, "account_handle_key"));
        assertThat(classify(Dialect.MYSQL, "23000", 1062, "Duplicate entry 'a' for key 'account.account_handle_key'"))
                .isEqualTo(new SqlErrors.Violation(Kind.UNIQUE, "account_handle_key"));
        assertThat(classify(Dialect.MARIADB, "23000", 1452, "Cannot add or update a child row: a foreign key "
                + "constraint fails (`test`.`post`, CONSTRAINT `post_category_fk` FOREIGN KEY (`category_id`) "
                + "REFERENCES `category` (`id`))")).isEqualTo(new SqlErrors.Violation(Kind.FOREIGN_KEY, "post_category_fk"));
        assertThat(classify(Dialect.MARIADB, "23000", 4025, "CONSTRAINT `account_credits_check` failed for "
                + "`test`.`account`")).isEqualTo(new SqlErrors.Violation(Kind.CHECK, "account_credits_check"));
        assertThat(classify(Dialect.MARIADB, "23000", 1048, "Column 'credits' cannot be null"))
                .isEqualTo(new SqlErrors.Violation(Kind.NOT_NULL, null));
    }

    @Test
    void transientFailures() {
        assertThat(SqlErrors.isTransient(Dialect.POSTGRES, new SQLException("x", "40001"))).isTrue();
        assertThat(SqlErrors.isTransient(Dialect.POSTGRES, new SQLException("x", "40P01"))).isTrue();
        assertThat(SqlErrors.isTransient(Dialect.POSTGRES, new SQLException("x", "23505"))).isFalse();
        assertThat(SqlErrors.isTransient(Dialect.MARIADB, new SQLException("x", "HY000", 1205))).isTrue();
        assertThat(SqlErrors.isTransient(Dialect.MARIADB, new SQLException("x", "40001", 1213))).isTrue();
        assertThat(SqlErrors.isTransient(Dialect.H2, new SQLException("x", "HYT00", 50200))).isTrue();
    }

    @Test
    void lostConnections() {
        assertThat(SqlErrors.isConnectionLoss(new SQLException("x", "08006"))).isTrue();
        assertThat(SqlErrors.isConnectionLoss(new SQLException("x", "57P01"))).isTrue();
        assertThat(SqlErrors.isConnectionLoss(new SQLException("Connection was killed", "70100", 1927))).isTrue();
        assertThat(SqlErrors.isConnectionLoss(new RuntimeException(new java.sql.SQLTransientConnectionException("pool"))))
                .isTrue();
        assertThat(SqlErrors.isConnectionLoss(new SQLException("x", "23505"))).isFalse();
    }
}
