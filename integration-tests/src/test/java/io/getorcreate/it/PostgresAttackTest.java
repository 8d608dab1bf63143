package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.getorcreate.GetOrCreateException;
import io.getorcreate.InvalidValueException;
import io.getorcreate.Outcome;
import io.getorcreate.it.AttackEntities.Text;
import java.math.BigDecimal;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class PostgresAttackTest extends AttackTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }

    /** Promise 12: a hit succeeds on a read-only connection, also where the server (a standby, a setting) makes it so. */
    @Test
    void aHitSucceedsWhereTheServerMakesEveryTransactionReadOnly() {
        AttackEntities_TextDao writer = texts(db, "VARCHAR(20)");
        Text row = writer.getOrCreateByCode("ro").entity();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url());
        config.setMaximumPoolSize(1);
        config.setConnectionInitSql("SET default_transaction_read_only = on");
        try (HikariDataSource readOnly = new HikariDataSource(config)) {
            AttackEntities_TextDao reader = new AttackEntities_TextDao(Jdbi.create(readOnly));
            assertThat(reader.findByCode("ro")).contains(row);
            assertThat(reader.getOrCreateByCode("ro")).isEqualTo(new Outcome<>(row, false));
        }
    }

    /** Promise 9's reason: a key stored differently (here by a trigger) must not be "created" and then never found. */
    @Test
    void aBeforeInsertTriggerThatRewritesTheKeyIsNotACreatedRowThatIsNeverFoundAgain() {
        AttackEntities_TextDao dao = texts(db, "VARCHAR(20)");
        db.exec("CREATE FUNCTION " + db.schema() + ".atk_lower() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN NEW.code := lower(NEW.code); RETURN NEW; END $$",
                "CREATE TRIGGER atk_lower BEFORE INSERT ON atk_text FOR EACH ROW EXECUTE FUNCTION " + db.schema()
                        + ".atk_lower()");
        triggerRewritesKey(dao, db);
    }

    static void triggerRewritesKey(AttackEntities_TextDao dao, TestDatabase db) {
        Outcome<Text>[] first = new Outcome[1];
        Throwable thrown = catchThrowable(() -> first[0] = dao.getOrCreateByCode("ABC"));
        if (thrown == null) {
            // Reported as created (the DAO cannot tell without another statement on every miss); the same key
            // then cannot find the row, and the next call must say why rather than "not found" or a duplicate.
            assertThat(first[0].created()).isTrue();
            Throwable again = catchThrowable(() -> dao.getOrCreateByCode("ABC"));
            assertThat(again).as("the second call for the key the first one reported as created")
                    .isInstanceOf(GetOrCreateException.class).hasMessageContaining("stores the key differently");
            assertThat(db.count("atk_text")).isOne();
        } else {
            assertThat(thrown).isInstanceOf(GetOrCreateException.class);
            assertThat(db.count("atk_text")).isZero();
        }
    }

    @Test
    void aNondeterministicCaseInsensitiveCollationOnTheColumnIsTheLookupsEquality() {
        db.exec("CREATE COLLATION " + db.schema() + ".atk_ci (provider = icu, locale = 'und-u-ks-level2', "
                + "deterministic = false)");
        AttackEntities_TextDao dao = texts(db, "VARCHAR(20) COLLATE " + db.schema() + ".atk_ci");
        Outcome<Text> alice = dao.getOrCreateByCode("Alice");
        assertThat(alice.created()).isTrue();
        assertThat(dao.getOrCreateByCode("ALICE")).isEqualTo(new Outcome<>(alice.entity(), false));
        assertThat(dao.getOrCreateByCode("alice", d -> d.note("x"))).isEqualTo(new Outcome<>(alice.entity(), false));
        assertThat(dao.findByCode("aLiCe")).contains(alice.entity());
        assertThat(db.count("atk_text")).isOne();
    }

    /** PostgreSQL 15 allows a negative scale: NUMERIC(5, -2) holds multiples of 100 up to 9,999,900. */
    @Test
    void aNumericColumnWithANegativeScaleHoldsItsMultiplesAndRefusesTheRest() {
        db.exec(table("atk_amount", "amount NUMERIC(5, -2)"));
        AttackEntities_AmountDao dao = new AttackEntities_AmountDao(db.jdbi);
        Throwable rounded = catchThrowable(() -> dao.getOrCreateByAmount(new BigDecimal("123")));
        assertThat(rounded).as("123 would be stored as 100").isInstanceOf(InvalidValueException.class);
        assertThat(db.count("atk_amount")).isZero();
        createdThenFound(dao.getOrCreateByAmount(new BigDecimal("9999900")),
                dao.getOrCreateByAmount(new BigDecimal("9999900")));
    }
}
