package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.getorcreate.InvalidValueException;
import io.getorcreate.SchemaException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Promise 10 on MariaDB (a prefix index backs no key), promise 9 for a column's character set, and the
 * bulk read's plan on a table whose statistics are stale.
 */
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

    @Test
    void theBulkReadLooksKeysUpThroughTheIndexWhateverTheStatisticsSay() {
        // Once a table had been filled after its statistics were taken and had seen INSERT IGNOREs of
        // existing keys, MariaDB chose to scan it for the bulk read, joining the keys through a buffer
        // (hundreds of milliseconds per 1,000 keys, and a lock on every row for the locking read).
        codes.createTable();
        StringBuilder rows = new StringBuilder("INSERT INTO code (code) VALUES ('c0')");
        for (int i = 1; i < 10_000; i++) {
            rows.append(", ('c").append(i).append("')");
        }
        db.exec(rows.toString());
        long worst = 0;
        for (int round = 0; round < 30; round++) {
            List<String> keys = new ArrayList<>();
            StringBuilder again = new StringBuilder("INSERT IGNORE INTO code (code) VALUES ('c0')");
            for (int i = 0; i < 1000; i++) {
                String key = "c" + Math.floorMod(round * 1009 + i * 7, 10_000);
                keys.add(key);
                again.append(", ('").append(key).append("')");
            }
            db.exec(again.toString());
            long read = db.jdbi.inTransaction(handle -> {
                long before = rowsRead(handle);
                assertThat(codes.on(handle).getOrCreateAllByCode(keys)).allSatisfy(o -> assertThat(o.created()).isFalse());
                return rowsRead(handle) - before;
            });
            worst = Math.max(worst, read);
        }
        assertThat(worst).as("most table rows one bulk read of 1,000 keys went through").isLessThan(5_000);
    }

    private static long rowsRead(org.jdbi.v3.core.Handle handle) {
        return handle.createQuery("SHOW SESSION STATUS WHERE Variable_name IN ('Handler_read_rnd_next', 'Handler_read_next')").map((rs, ctx) -> rs.getLong(2)).list().stream().mapToLong(Long::longValue).sum();
    }
}
