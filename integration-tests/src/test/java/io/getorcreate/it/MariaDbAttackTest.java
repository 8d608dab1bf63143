package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.getorcreate.InvalidValueException;
import io.getorcreate.Outcome;
import io.getorcreate.it.AttackEntities.Text;
import java.math.BigDecimal;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class MariaDbAttackTest extends AttackTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }

    @Test
    void aCaseInsensitiveCollationIsTheLookupsEqualityAndBinaryIsNot() {
        AttackEntities_TextDao dao = texts(db, "VARCHAR(20) COLLATE utf8mb4_general_ci");
        Outcome<Text> alice = dao.getOrCreateByCode("Alice");
        assertThat(dao.getOrCreateByCode("ALICE")).isEqualTo(new Outcome<>(alice.entity(), false));
        assertThat(dao.getOrCreateByCode("alice ")).isEqualTo(new Outcome<>(alice.entity(), false));
        assertThat(db.count("atk_text")).isOne();
        db.drop("atk_text");
        AttackEntities_TextDao binary = texts(db, "VARCHAR(20) COLLATE utf8mb4_bin");
        assertThat(binary.getOrCreateByCode("Alice").created()).isTrue();
        assertThat(binary.getOrCreateByCode("ALICE").created()).isTrue();
        assertThat(binary.getOrCreateByCode("Alice").created()).isFalse();
    }

    @Test
    void aBeforeInsertTriggerThatRewritesTheKeyIsNotACreatedRowThatIsNeverFoundAgain() {
        AttackEntities_TextDao dao = texts(db, "VARCHAR(20) COLLATE utf8mb4_bin");
        db.exec("CREATE TRIGGER atk_lower BEFORE INSERT ON atk_text FOR EACH ROW SET NEW.code = LOWER(NEW.code)");
        PostgresAttackTest.triggerRewritesKey(dao, db);
    }

    /** Promise 10: the table is found the way unqualified SQL finds it, and a temporary table shadows the base one. */
    @Test
    void aTemporaryTableIsUsedTheWayUnqualifiedSqlUsesIt() {
        try (Handle h = db.jdbi.open()) {
            h.execute("CREATE TEMPORARY TABLE atk_text (id BIGINT AUTO_INCREMENT PRIMARY KEY, code VARCHAR(20) NOT NULL, "
                    + "note VARCHAR(20), CONSTRAINT atk_text_key UNIQUE (code)) DEFAULT CHARSET=utf8mb4");
            AttackEntities_TextDao dao = new AttackEntities_TextDao(db.jdbi).on(h);
            assertThat(dao.getOrCreateByCode("temp").created()).isTrue();
            assertThat(dao.getOrCreateByCode("temp").created()).isFalse();
            h.execute("DROP TEMPORARY TABLE atk_text");
        }
    }

    /** Promise 9 where MariaDB is not strict: a key its column would clamp is refused before it is stored clamped. */
    @Test
    void keysANonStrictSessionWouldClampAreRefused() {
        db.exec(table("atk_amount", "amount DECIMAL(5, 2) UNSIGNED"), table("atk_big", "n INT UNSIGNED"));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url());
        config.setMaximumPoolSize(1);
        config.setConnectionInitSql("SET SESSION sql_mode = ''");
        try (HikariDataSource lax = new HikariDataSource(config)) {
            Jdbi jdbi = Jdbi.create(lax);
            AttackEntities_BigDao ints = new AttackEntities_BigDao(jdbi);
            assertThat(catchThrowable(() -> ints.getOrCreateByN(-1))).isInstanceOf(InvalidValueException.class);
            AttackEntities_AmountDao amounts = new AttackEntities_AmountDao(jdbi);
            Throwable negative = catchThrowable(() -> amounts.getOrCreateByAmount(new BigDecimal("-1.50")));
            assertThat(db.count("atk_amount")).as("rows stored for -1.50").isZero();
            assertThat(negative).isInstanceOf(InvalidValueException.class);
        }
    }

    @Test
    void aBigDecimalKeyBeyondABigintColumnIsRefusedBeforeItIsClamped() {
        db.exec(table("atk_amount", "amount BIGINT"));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url());
        config.setMaximumPoolSize(1);
        config.setConnectionInitSql("SET SESSION sql_mode = ''");
        try (HikariDataSource lax = new HikariDataSource(config)) {
            AttackEntities_AmountDao amounts = new AttackEntities_AmountDao(Jdbi.create(lax));
            Throwable huge = catchThrowable(() -> amounts.getOrCreateByAmount(new BigDecimal("9999999999999999999")));
            assertThat(db.count("atk_amount")).as("rows stored for 9999999999999999999").isZero();
            assertThat(huge).isInstanceOf(InvalidValueException.class);
        }
    }

    /** Promise 3: a lost race is found, whatever the key's text; the driver's message must not be parsed for it. */
    @Test
    void aLostRaceIsFoundEvenWhenTheKeyLooksLikePartOfTheDuplicateKeyMessage() {
        AttackEntities_TextDao dao = texts(db, "VARCHAR(60)");
        String key = "x' for key 'somewhere_else";
        java.util.concurrent.atomic.AtomicBoolean blocked = new java.util.concurrent.atomic.AtomicBoolean();
        Outcome<Text>[] outcome = new Outcome[1];
        Throwable thrown = catchThrowable(() -> outcome[0] = dao.getOrCreateByCode(key, d -> winnerCommits(key, blocked)));
        assertThat(thrown).as("the loser of the race for %s", key).isNull();
        assertThat(outcome[0].created()).isFalse();
        assertThat(outcome[0].entity().note()).isEqualTo("winner");
    }
}
