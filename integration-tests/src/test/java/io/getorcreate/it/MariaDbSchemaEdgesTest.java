package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.getorcreate.InvalidValueException;
import io.getorcreate.SchemaException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Promise 10 on MariaDB (a prefix index backs no key) and promise 9 for a column's character set. */
class MariaDbSchemaEdgesTest {
    TestDatabase db;
    EdgeEntities_CodeDao codes;

    @BeforeEach
    void setUp() {
        db = TestDatabase.open(TestDatabase.Kind.MARIADB, 4);
        db.drop("code");
        codes = new EdgeEntities_CodeDao(db.jdbi);
    }

    @AfterEach
    void tearDown() {
        if (db != null) {
            db.drop("code");
            db.close();
        }
    }

    @Test
    void aPrefixIndexDoesNotBackTheKey() {
        db.exec("CREATE TABLE code (id BIGINT AUTO_INCREMENT PRIMARY KEY, code VARCHAR(20) NOT NULL, note VARCHAR(20), "
                + "UNIQUE KEY code_prefix (code(4))) DEFAULT CHARSET=utf8mb4");
        SchemaException e = catchThrowableOfType(() -> codes.getOrCreateByCode("abcd1"), SchemaException.class);
        assertThat(e.getMessage()).contains("prefix");
        assertThat(db.count("code")).isZero();
        db.exec("ALTER TABLE code DROP INDEX code_prefix", e.fix());
        assertThat(codes.getOrCreateByCode("abcd1").created()).isTrue();
        assertThat(codes.getOrCreateByCode("abcd2").created()).isTrue();
    }

    @Test
    void charactersTheColumnsCharacterSetCannotStoreAreRefused() {
        db.exec("CREATE TABLE code (id BIGINT AUTO_INCREMENT PRIMARY KEY, code VARCHAR(20) CHARACTER SET utf8mb3 NOT NULL, "
                + "note VARCHAR(20) CHARACTER SET latin1, CONSTRAINT code_code_key UNIQUE (code)) DEFAULT CHARSET=utf8mb4");
        InvalidValueException key = catchThrowableOfType(() -> codes.getOrCreateByCode("tag\uD83D\uDE00"),
                InvalidValueException.class);
        assertThat(key.column()).contains("code");
        assertThat(key.getMessage()).contains("utf8mb3");
        assertThat(catchThrowableOfType(() -> codes.findByCode("\uD83D\uDE00"), InvalidValueException.class)).isNotNull();
        InvalidValueException other = catchThrowableOfType(() -> codes.getOrCreateByCode("ok", d -> d.note("\u0416")),
                InvalidValueException.class);
        assertThat(other.column()).contains("note");
        assertThat(db.count("code")).isZero();
        assertThat(codes.getOrCreateByCode("caf\u00e9 \u0416", d -> d.note("caf\u00e9")).entity().note()).isEqualTo("caf\u00e9");
    }
}
