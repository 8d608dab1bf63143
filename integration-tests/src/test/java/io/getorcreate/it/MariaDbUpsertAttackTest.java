package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.getorcreate.IntegrityViolationException;
import io.getorcreate.Outcome;
import io.getorcreate.it.UpsertAttackEntities.UaAccount;
import io.getorcreate.it.UpsertAttackEntities.UaItem;
import io.getorcreate.it.UpsertAttackEntities.UaTag;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Adversarial tests of MariaDB's read-then-upsert update-or-create ({@code ReadThenUpsert}): the
 * {@code INSERT ... ON DUPLICATE KEY UPDATE} path meeting an existing row (a caller's REPEATABLE READ
 * snapshot that predates the row makes it deterministic), the {@code @goc_upsert} session variable,
 * composite and id-less keys, other unique constraints, integrity errors, {@code useAffectedRows}, rows
 * written on the no-change path, and races mixing getOrCreate, createOnly and deletes.
 */
class MariaDbUpsertAttackTest {
    static final String[] TABLES = {"ua_account", "ua_parent", "ua_audit", "ua_item", "ua_tag"};
    static final String ACCOUNT = "CREATE TABLE ua_account (id BIGINT AUTO_INCREMENT PRIMARY KEY, "
            + "email VARCHAR(100) NOT NULL, name VARCHAR(50)%s, phone VARCHAR(20), n INT, parent_id BIGINT, "
            + "CONSTRAINT ua_account_email_key UNIQUE (email)%s)";

    TestDatabase db;
    UpsertAttackEntities_UaAccountDao accounts;

    @BeforeEach
    void setUp() {
        db = TestDatabase.open(TestDatabase.Kind.MARIADB, 16);
        db.drop(TABLES);
        accounts = new UpsertAttackEntities_UaAccountDao(db.jdbi);
    }

    @AfterEach
    void tearDown() {
        if (db != null) {
            db.drop(TABLES);
            db.close();
        }
    }

    private void account(String nameSuffix, String constraints) {
        db.exec(String.format(ACCOUNT, nameSuffix, constraints));
    }

    /** Statements on a connection of their own, committed: "another process". */
    private void elsewhere(String... sql) {
        try (Connection c = DriverManager.getConnection(db.url()); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code work} in a caller's REPEATABLE READ transaction whose snapshot was taken before
     * {@code elsewhere} committed, then commits.
     */
    private <R> R inOldSnapshot(String[] elsewhereSql, Function<Handle, R> work) {
        return db.jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            h.createQuery("SELECT COUNT(*) FROM ua_account").mapTo(Long.class).one(); // the snapshot
            elsewhere(elsewhereSql);
            return work.apply(h);
        });
    }

    private static String[] sql(String... s) {
        return s;
    }

    // ---------------------------------------------------------------------------------------------
    // The upsert path meeting an existing row: what only an INSERT would need must not matter.

    /** FAILS: the ODKU's INSERT half needs every NOT NULL column without default, though the row exists. */
    @Test
    void rowHiddenBySnapshotIsUpdatedEvenIfAnInsertWouldLackANotNullColumn() {
        account(" NOT NULL", "");
        Outcome<UaAccount> o = inOldSnapshot(
                sql("INSERT INTO ua_account (email, name) VALUES ('nn@x', 'Old')"),
                h -> accounts.on(h).updateOrCreateByEmail("nn@x", v -> v.phone("2")));
        assertThat(o.created()).isFalse();
        assertThat(o.updated()).isTrue();
        assertThat(o.entity().name()).isEqualTo("Old");
        assertThat(o.entity().phone()).isEqualTo("2");
    }

    /** FAILS: createOnly's value is CHECKed by the ODKU's INSERT half even where the row exists. */
    @Test
    void rowHiddenBySnapshotIsUpdatedEvenIfCreateOnlyWouldViolateACheck() {
        account("", ", CONSTRAINT ua_account_n_positive CHECK (n > 0)");
        Outcome<UaAccount> o = inOldSnapshot(
                sql("INSERT INTO ua_account (email, name, n) VALUES ('ck@x', 'Old', 1)"),
                h -> accounts.on(h).updateOrCreateByEmail("ck@x", v -> v.name("New"), c -> c.n(-1)));
        assertThat(o.updated()).isTrue();
        assertThat(o.entity().name()).isEqualTo("New");
        assertThat(o.entity().n()).isEqualTo(1);
    }

    /** FAILS: createOnly's too-long value is checked (InvalidValueException) though it is never written. */
    @Test
    void rowHiddenBySnapshotIsUpdatedEvenIfCreateOnlyIsTooLong() {
        account("", "");
        Outcome<UaAccount> o = inOldSnapshot(
                sql("INSERT INTO ua_account (email, name) VALUES ('tl@x', 'Old')"),
                h -> accounts.on(h).updateOrCreateByEmail("tl@x", v -> v.name("New"),
                        c -> c.phone("x".repeat(40))));
        assertThat(o.updated()).isTrue();
        assertThat(o.entity().phone()).isNull();
    }

    /** FAILS: ODKU fires the table's BEFORE INSERT trigger even where it meets the row and writes nothing. */
    @Test
    void unchangedRowHiddenBySnapshotFiresNoInsertTrigger() {
        account("", "");
        db.exec("CREATE TABLE ua_audit (what VARCHAR(100))",
                "CREATE TRIGGER ua_account_bi BEFORE INSERT ON ua_account FOR EACH ROW "
                        + "INSERT INTO ua_audit VALUES (CONCAT('insert ', NEW.email))");
        Outcome<UaAccount> o = inOldSnapshot(
                sql("INSERT INTO ua_account (email, name) VALUES ('tr@x', 'Same')", "DELETE FROM ua_audit"),
                h -> accounts.on(h).updateOrCreateByEmail("tr@x", v -> v.name("Same")));
        assertThat(o.created() || o.updated()).isFalse();
        assertThat(db.count("ua_audit")).as("INSERT trigger firings for a row that was neither inserted nor changed")
                .isZero();
    }

    /** FAILS: a session whose @goc_upsert holds a number makes MariaDB compare the tokens as numbers (error 1918). */
    @Test
    void aNumericGocUpsertLeftInTheSessionBreaksNothing() {
        account("", "");
        Outcome<UaAccount> o = inOldSnapshot(
                sql("INSERT INTO ua_account (email, name) VALUES ('var@x', 'Old')"),
                h -> {
                    h.execute("SET @goc_upsert = 0");
                    return accounts.on(h).updateOrCreateByEmail("var@x", v -> v.name("New"));
                });
        assertThat(o.updated()).isTrue();
        assertThat(o.entity().name()).isEqualTo("New");
    }

    /**
     * FAILS: non-strict sql_mode and a numeric @goc_upsert: the ODKU meets another key's row on the phone
     * index, takes "other" for "changed", writes values' phone into that row, and the fallback INSERT then
     * creates the row (createOnly's phone being free now): another key's row is changed and committed.
     */
    @Test
    void aNumericGocUpsertInANonStrictSessionNeverWritesAnotherKeysRow() {
        account("", ", CONSTRAINT ua_account_phone_key UNIQUE (phone)");
        elsewhere("INSERT INTO ua_account (email, name, phone) VALUES ('holder@x', 'Holder', '555')");
        Throwable t = catchThrowable(() -> db.jdbi.useTransaction(h -> {
            h.execute("SET SESSION sql_mode = ''");
            h.execute("SET @goc_upsert = 1");
            accounts.on(h).updateOrCreateByEmail("new@x", v -> v.name("New").phone("777"), c -> c.phone("555"));
        }));
        assertThat(accounts.findByEmail("holder@x").orElseThrow().phone()).as("another key's row").isEqualTo("555");
        assertThat(t).as("createOnly's phone is held by another row").isInstanceOf(IntegrityViolationException.class);
        assertThat(accounts.findByEmail("new@x")).isEmpty();
    }

    /**
     * FAILS: in a caller's READ COMMITTED transaction, the row deleted between the plain read and the
     * UPDATE (which so matches nothing) and created again by someone else before the locking read: the
     * call returns that other row with created == false, updated == false, its own values never applied.
     * (A connection proxy runs the other sessions' statements at those two moments.)
     */
    @Test
    void aRowDeletedAndCreatedAgainAroundTheUpdateStillGetsTheCallsValues() throws Exception {
        account("", "");
        elsewhere("INSERT INTO ua_account (email, name, phone) VALUES ('dc@x', 'old', 'old')");
        int[] stage = {0};
        try (Connection raw = DriverManager.getConnection(db.url())) {
            Connection proxy = (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Connection.class}, (p, m, args) -> {
                        if (m.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql) {
                            if (stage[0] == 0 && sql.startsWith("UPDATE")) {
                                stage[0] = 1;
                                elsewhere("DELETE FROM ua_account WHERE email = 'dc@x'");
                            } else if (stage[0] == 1 && sql.contains("FOR UPDATE")) {
                                stage[0] = 2;
                                elsewhere("INSERT INTO ua_account (email, name, phone) VALUES ('dc@x', 'theirs', 'theirs')");
                            }
                        }
                        try {
                            return m.invoke(raw, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            try (Handle h = Jdbi.open(proxy)) {
                h.setTransactionIsolationLevel(TransactionIsolationLevel.READ_COMMITTED);
                Outcome<UaAccount> o = h.inTransaction(
                        tx -> accounts.on(tx).updateOrCreateByEmail("dc@x", v -> v.name("mine").phone("mine")));
                assertThat(stage[0]).as("the interleaving happened").isEqualTo(2);
                assertThat(o.entity().name()).as("returned row, " + o).isEqualTo("mine");
            }
        }
        assertThat(accounts.findByEmail("dc@x").orElseThrow().name()).isEqualTo("mine");
    }

    /**
     * A BEFORE INSERT trigger that rewrites the key: a table with INSERT triggers takes the locking path
     * (ON DUPLICATE KEY UPDATE would fire BEFORE INSERT for a row it only meets), which, like getOrCreate,
     * reports the first call as created, with the row as the trigger stored it.
     */
    @Test
    void aBeforeInsertTriggerThatRewritesTheKeyCreatesAsGetOrCreateDoes() {
        db.exec("CREATE TABLE ua_account (id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                + "email VARCHAR(100) COLLATE utf8mb4_bin NOT NULL, name VARCHAR(50), phone VARCHAR(20), n INT, "
                + "parent_id BIGINT, CONSTRAINT ua_account_email_key UNIQUE (email))",
                "CREATE TRIGGER ua_account_lower BEFORE INSERT ON ua_account FOR EACH ROW SET NEW.email = LOWER(NEW.email)");
        Outcome<UaAccount> o = accounts.updateOrCreateByEmail("MiXed@x", v -> v.name("A"));
        assertThat(o.created()).isTrue();
        assertThat(o.entity().email()).isEqualTo("mixed@x");
        assertThat(db.count("ua_account")).isOne();
    }

    // ---------------------------------------------------------------------------------------------
    // Flags and values through both paths (plain read in the call's own transaction; ODKU behind a snapshot).

    @Test
    void nullsOverValuesAndBackThroughTheUpsertPath() {
        account("", "");
        Outcome<UaAccount> toNull = inOldSnapshot(
                sql("INSERT INTO ua_account (email, name, phone) VALUES ('nl@x', 'A', 'P')"),
                h -> accounts.on(h).updateOrCreateByEmail("nl@x", v -> v.phone(null)));
        assertThat(toNull.updated()).isTrue();
        assertThat(toNull.entity().phone()).isNull();
        assertThat(toNull.entity().name()).isEqualTo("A");
        Outcome<UaAccount> stillNull = inOldSnapshot(
                sql("INSERT INTO ua_account (email, name) VALUES ('nl2@x', 'B')"),
                h -> accounts.on(h).updateOrCreateByEmail("nl2@x", v -> v.phone(null)));
        assertThat(stillNull.created() || stillNull.updated()).isFalse();
        Outcome<UaAccount> fromNull = inOldSnapshot(
                sql("INSERT INTO ua_account (email, name) VALUES ('nl3@x', 'C')"),
                h -> accounts.on(h).updateOrCreateByEmail("nl3@x", v -> v.phone("Q").name(null)));
        assertThat(fromNull.updated()).isTrue();
        assertThat(fromNull.entity().phone()).isEqualTo("Q");
        assertThat(fromNull.entity().name()).isNull();
        // and in the DAO's own transactions
        assertThat(accounts.updateOrCreateByEmail("nl@x", v -> v.phone("R")).updated()).isTrue();
        assertThat(accounts.updateOrCreateByEmail("nl@x", v -> v.phone(null)).updated()).isTrue();
        assertThat(accounts.updateOrCreateByEmail("nl@x", v -> v.phone(null)).updated()).isFalse();
    }

    @Test
    void valuesSettingNothingWithAndWithoutCreateOnly() {
        account("", "");
        Outcome<UaAccount> created = accounts.updateOrCreateByEmail("e@x", v -> {});
        assertThat(created.created()).isTrue();
        Outcome<UaAccount> found = accounts.updateOrCreateByEmail("e@x", v -> {}, c -> c.name("never"));
        assertThat(found.created() || found.updated()).isFalse();
        assertThat(found.entity().name()).isNull();
        Outcome<UaAccount> created2 = accounts.updateOrCreateByEmail("e2@x", v -> {}, c -> c.name("C"));
        assertThat(created2.created()).isTrue();
        assertThat(created2.entity().name()).isEqualTo("C");
        Outcome<UaAccount> hidden = inOldSnapshot(sql("INSERT INTO ua_account (email, name) VALUES ('e3@x', 'H')"),
                h -> accounts.on(h).updateOrCreateByEmail("e3@x", v -> {}, c -> c.name("never")));
        assertThat(hidden.created() || hidden.updated()).isFalse();
        assertThat(hidden.entity().name()).isEqualTo("H");
        Outcome<UaAccount> hidden2 = inOldSnapshot(sql("INSERT INTO ua_account (email, name) VALUES ('e4@x', 'H')"),
                h -> accounts.on(h).updateOrCreateByEmail("e4@x", v -> {}));
        assertThat(hidden2.created() || hidden2.updated()).isFalse();
        assertThat(db.count("ua_account")).isEqualTo(4);
    }

    @Test
    void createOnlyOverValuesOnCreateOnlyAndNeverOnUpdate() {
        account("", "");
        Outcome<UaAccount> c = accounts.updateOrCreateByEmail("co@x", v -> v.name("V").phone("vp"), x -> x.name("C"));
        assertThat(c.created()).isTrue();
        assertThat(c.entity().name()).isEqualTo("C");
        assertThat(c.entity().phone()).isEqualTo("vp");
        Outcome<UaAccount> u = accounts.updateOrCreateByEmail("co@x", v -> v.name("V"), x -> x.name("C"));
        assertThat(u.updated()).isTrue();
        assertThat(u.entity().name()).isEqualTo("V");
        Outcome<UaAccount> hidden = inOldSnapshot(sql("INSERT INTO ua_account (email, name) VALUES ('co2@x', 'C')"),
                h -> accounts.on(h).updateOrCreateByEmail("co2@x", v -> v.name("V"), x -> x.name("C")));
        assertThat(hidden.updated()).as("values differ from the stored row, createOnly's name does not apply").isTrue();
        assertThat(hidden.entity().name()).isEqualTo("V");
        Outcome<UaAccount> hiddenSame = inOldSnapshot(sql("INSERT INTO ua_account (email, name) VALUES ('co3@x', 'V')"),
                h -> accounts.on(h).updateOrCreateByEmail("co3@x", v -> v.name("V"), x -> x.name("C")));
        assertThat(hiddenSame.created() || hiddenSame.updated()).isFalse();
        assertThat(hiddenSame.entity().name()).isEqualTo("V");
    }

    @Test
    void keysEqualByCaseOrTrailingSpacesUnderTheCollationMeetTheRowOnEveryPath() {
        account("", "");
        Outcome<UaAccount> created = accounts.updateOrCreateByEmail("Case@X", v -> v.name("A"));
        Outcome<UaAccount> same = accounts.updateOrCreateByEmail("case@x ", v -> v.name("a"));
        assertThat(same.created() || same.updated()).isFalse();
        assertThat(same.entity()).isEqualTo(created.entity());
        Outcome<UaAccount> changed = accounts.updateOrCreateByEmail("CASE@X", v -> v.name("B"));
        assertThat(changed.updated()).isTrue();
        assertThat(changed.entity().email()).isEqualTo("Case@X");
        Outcome<UaAccount> hiddenSame = inOldSnapshot(sql("INSERT INTO ua_account (email, name) VALUES ('Hid@X', 'A')"),
                h -> accounts.on(h).updateOrCreateByEmail("hid@x ", v -> v.name("a")));
        assertThat(hiddenSame.created() || hiddenSame.updated()).isFalse();
        assertThat(hiddenSame.entity().email()).isEqualTo("Hid@X");
        Outcome<UaAccount> hiddenChanged = inOldSnapshot(sql("INSERT INTO ua_account (email, name) VALUES ('Hid2@X', 'A')"),
                h -> accounts.on(h).updateOrCreateByEmail("HID2@x", v -> v.name("Z")));
        assertThat(hiddenChanged.updated()).isTrue();
        assertThat(hiddenChanged.entity().name()).isEqualTo("Z");
        assertThat(db.count("ua_account")).isEqualTo(3);
    }

    // ---------------------------------------------------------------------------------------------
    // Composite keys and a table whose primary key is the lookup key.

    @Test
    void compositeKeyOnEveryPath() throws Exception {
        db.exec("CREATE TABLE ua_item (id BIGINT AUTO_INCREMENT PRIMARY KEY, tenant BIGINT NOT NULL, "
                + "code VARCHAR(40) NOT NULL, label VARCHAR(40), qty INT, CONSTRAINT ua_item_k UNIQUE (code, tenant))");
        UpsertAttackEntities_UaItemDao items = new UpsertAttackEntities_UaItemDao(db.jdbi);
        Outcome<UaItem> a = items.updateOrCreateByTenantAndCode(1, "a", v -> v.label("L"));
        Outcome<UaItem> b = items.updateOrCreateByTenantAndCode(2, "a", v -> v.label("L"));
        assertThat(a.created() && b.created()).isTrue();
        assertThat(a.entity().id()).isNotEqualTo(b.entity().id());
        assertThat(items.updateOrCreateByTenantAndCode(1, "A", v -> v.label("l")).updated()).isFalse();
        Outcome<UaItem> u = items.updateOrCreateByTenantAndCode(2, "a", v -> v.label("M"));
        assertThat(u.updated()).isTrue();
        assertThat(items.findByTenantAndCode(1, "a").orElseThrow().label()).isEqualTo("L");
        // the second key column differing, the first equal, behind a snapshot: ODKU must not take tenant 1's row
        Outcome<UaItem> hidden = db.jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            h.createQuery("SELECT COUNT(*) FROM ua_item").mapTo(Long.class).one();
            elsewhere("INSERT INTO ua_item (tenant, code, label) VALUES (3, 'a', 'T3')");
            return items.on(h).updateOrCreateByTenantAndCode(3, "a", v -> v.label("T3"), c -> c.qty(9));
        });
        assertThat(hidden.created() || hidden.updated()).isFalse();
        assertThat(hidden.entity().qty()).isNull();
        Outcome<UaItem> hidden2 = db.jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            h.createQuery("SELECT COUNT(*) FROM ua_item").mapTo(Long.class).one();
            elsewhere("INSERT INTO ua_item (tenant, code, label) VALUES (4, 'a', 'T4')");
            return items.on(h).updateOrCreateByTenantAndCode(4, "a", v -> v.label("new"));
        });
        assertThat(hidden2.updated()).isTrue();
        assertThat(hidden2.entity().tenant()).isEqualTo(4);
        assertThat(items.findByTenantAndCode(1, "a").orElseThrow().label()).isEqualTo("L");
        assertThat(db.count("ua_item")).isEqualTo(4);
        // a race on one composite key in callers' REPEATABLE READ transactions
        raceOn(12, i -> db.jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            h.createQuery("SELECT COUNT(*) FROM ua_item").mapTo(Long.class).one();
            Outcome<UaItem> o = items.on(h).updateOrCreateByTenantAndCode(7, "r", v -> v.label("l" + i).qty(i));
            assertThat(o.entity().qty()).isEqualTo(i);
            return o.created();
        }));
    }

    @Test
    void aTableWithoutIdWhosePrimaryKeyIsTheKey() {
        db.exec("CREATE TABLE ua_tag (name VARCHAR(40) NOT NULL PRIMARY KEY, color VARCHAR(20))");
        UpsertAttackEntities_UaTagDao tags = new UpsertAttackEntities_UaTagDao(db.jdbi);
        assertThat(tags.updateOrCreateByName("red", v -> v.color("r")).created()).isTrue();
        assertThat(tags.updateOrCreateByName("RED", v -> v.color("r")).updated()).isFalse();
        assertThat(tags.updateOrCreateByName("red", v -> v.color("R2")).updated()).isTrue();
        Outcome<UaTag> hidden = db.jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            h.createQuery("SELECT COUNT(*) FROM ua_tag").mapTo(Long.class).one();
            elsewhere("INSERT INTO ua_tag VALUES ('blue', 'b')");
            return tags.on(h).updateOrCreateByName("blue", v -> v.color("bb"));
        });
        assertThat(hidden.updated()).isTrue();
        assertThat(hidden.entity()).isEqualTo(new UaTag("blue", "bb"));
    }

    // ---------------------------------------------------------------------------------------------
    // Other unique constraints, and integrity errors through the upsert, with the caller's transaction kept.

    @Test
    void anotherUniqueConstraintHitByValuesOnAnExistingRowByCreateOnlyAndByBoth() {
        account("", ", CONSTRAINT ua_account_phone_key UNIQUE (phone)");
        accounts.updateOrCreateByEmail("holder@x", v -> v.name("H").phone("555"));
        accounts.updateOrCreateByEmail("mine@x", v -> v.name("M").phone("1"));
        IntegrityViolationException onExisting = catchThrowableOfType(
                () -> accounts.updateOrCreateByEmail("mine@x", v -> v.phone("555")), IntegrityViolationException.class);
        assertThat(onExisting.kind()).isEqualTo(IntegrityViolationException.Kind.UNIQUE);
        assertThat(onExisting.constraint()).hasValue("ua_account_phone_key");
        IntegrityViolationException both = catchThrowableOfType(
                () -> accounts.updateOrCreateByEmail("new@x", v -> v.phone("555"), c -> c.phone("555")),
                IntegrityViolationException.class);
        assertThat(both.constraint()).hasValue("ua_account_phone_key");
        // values' phone free, createOnly's taken: the insert must fail, nothing else written
        IntegrityViolationException createOnly = catchThrowableOfType(
                () -> accounts.updateOrCreateByEmail("new@x", v -> v.phone("9"), c -> c.phone("555")),
                IntegrityViolationException.class);
        assertThat(createOnly.constraint()).hasValue("ua_account_phone_key");
        // behind a snapshot: mine@x's row is hidden, values' phone is the holder's
        db.jdbi.useTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            h.createQuery("SELECT COUNT(*) FROM ua_account").mapTo(Long.class).one();
            elsewhere("INSERT INTO ua_account (email, name, phone) VALUES ('late@x', 'L', '2')");
            IntegrityViolationException e = catchThrowableOfType(
                    () -> accounts.on(h).updateOrCreateByEmail("late@x", v -> v.phone("555").name("changed")),
                    IntegrityViolationException.class);
            assertThat(e.constraint()).hasValue("ua_account_phone_key");
            h.execute("INSERT INTO ua_account (email) VALUES ('after@x')");
        });
        assertThat(accounts.findByEmail("holder@x").orElseThrow().name()).isEqualTo("H");
        assertThat(accounts.findByEmail("late@x").orElseThrow().name()).isEqualTo("L");
        assertThat(accounts.findByEmail("mine@x").orElseThrow().phone()).isEqualTo("1");
        assertThat(accounts.findByEmail("new@x")).isEmpty();
        assertThat(accounts.findByEmail("after@x")).isPresent();
    }

    @Test
    void notNullCheckAndForeignKeyViolationsThroughTheUpsertKeepTheCallersTransaction() {
        db.exec("CREATE TABLE ua_parent (id BIGINT PRIMARY KEY)", "INSERT INTO ua_parent VALUES (1)");
        account(" NOT NULL DEFAULT 'd'", ", CONSTRAINT ua_account_n_positive CHECK (n > 0), "
                + "CONSTRAINT ua_account_parent_fk FOREIGN KEY (parent_id) REFERENCES ua_parent (id)");
        db.jdbi.useTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            h.execute("INSERT INTO ua_account (email) VALUES ('before@x')");
            h.createQuery("SELECT COUNT(*) FROM ua_account").mapTo(Long.class).one(); // the snapshot
            // Committed after the snapshot, before this transaction's failed calls hold any lock: a
            // violation sends the call to the locking path, whose read of a missing key takes a gap lock.
            elsewhere("INSERT INTO ua_account (email, name, n) VALUES ('w@x', 'W', 1)");
            UpsertAttackEntities_UaAccountDao dao = accounts.on(h);
            IntegrityViolationException nn = catchThrowableOfType(
                    () -> dao.updateOrCreateByEmail("v@x", v -> v.name(null)), IntegrityViolationException.class);
            assertThat(nn.kind()).isEqualTo(IntegrityViolationException.Kind.NOT_NULL);
            assertThat(nn.table()).isEqualTo("ua_account");
            IntegrityViolationException ck = catchThrowableOfType(
                    () -> dao.updateOrCreateByEmail("v@x", v -> v.n(0)), IntegrityViolationException.class);
            assertThat(ck.kind()).isEqualTo(IntegrityViolationException.Kind.CHECK);
            assertThat(ck.constraint()).hasValue("ua_account_n_positive");
            IntegrityViolationException fk = catchThrowableOfType(
                    () -> dao.updateOrCreateByEmail("v@x", v -> v.name("x"), c -> c.parentId(42L)),
                    IntegrityViolationException.class);
            assertThat(fk.kind()).isEqualTo(IntegrityViolationException.Kind.FOREIGN_KEY);
            assertThat(fk.constraint()).hasValue("ua_account_parent_fk");
            // the same through the ODKU meeting a row created after the snapshot
            IntegrityViolationException ck2 = catchThrowableOfType(
                    () -> dao.updateOrCreateByEmail("w@x", v -> v.n(-5)), IntegrityViolationException.class);
            assertThat(ck2.kind()).isEqualTo(IntegrityViolationException.Kind.CHECK);
            IntegrityViolationException fk2 = catchThrowableOfType(
                    () -> dao.updateOrCreateByEmail("w@x", v -> v.parentId(43L)), IntegrityViolationException.class);
            assertThat(fk2.kind()).isEqualTo(IntegrityViolationException.Kind.FOREIGN_KEY);
            assertThat(dao.updateOrCreateByEmail("v@x", v -> v.name("ok").parentId(1L)).created()).isTrue();
            h.execute("INSERT INTO ua_account (email) VALUES ('after@x')");
        });
        assertThat(db.count("ua_account")).isEqualTo(4);
        assertThat(accounts.findByEmail("w@x").orElseThrow().n()).isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------------
    // useAffectedRows=true, and rows written on the no-change path.

    @Test
    void updatedFlagsWithUseAffectedRows() {
        account("", "");
        try (var ds = new com.zaxxer.hikari.HikariDataSource()) {
            ds.setJdbcUrl(TestDatabase.withParam(db.url(), "useAffectedRows", "true"));
            ds.setMaximumPoolSize(4);
            Jdbi jdbi = Jdbi.create(ds);
            UpsertAttackEntities_UaAccountDao dao = new UpsertAttackEntities_UaAccountDao(jdbi);
            assertThat(dao.updateOrCreateByEmail("ar@x", v -> v.name("A")).created()).isTrue();
            assertThat(dao.updateOrCreateByEmail("ar@x", v -> v.name("A")).updated()).isFalse();
            assertThat(dao.updateOrCreateByEmail("ar@x", v -> v.name("B")).updated()).isTrue();
            jdbi.useTransaction(h -> {
                assertThat(dao.on(h).updateOrCreateByEmail("ar@x", v -> v.name("B")).updated()).isFalse();
                assertThat(dao.on(h).updateOrCreateByEmail("ar@x", v -> v.name("C")).updated()).isTrue();
                assertThat(dao.on(h).updateOrCreateByEmail("ar@x", v -> v.name("c")).updated()).isFalse();
                assertThat(dao.on(h).updateOrCreateByEmail("ar2@x", v -> v.name("C")).created()).isTrue();
            });
            for (String name : List.of("D", "D")) {
                boolean first = name.equals("D") && dao.findByEmail("hid@x").isEmpty();
                Outcome<UaAccount> o = jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
                    h.createQuery("SELECT COUNT(*) FROM ua_account").mapTo(Long.class).one();
                    if (first) {
                        elsewhere("INSERT INTO ua_account (email, name) VALUES ('hid@x', 'X')");
                    }
                    return dao.on(h).updateOrCreateByEmail("hid@x", v -> v.name(name));
                });
                assertThat(o.updated()).as("first call changes X to D, second finds D").isEqualTo(first);
                assertThat(o.created()).isFalse();
            }
        }
    }

    @Test
    void theNoChangePathWritesNoRow() {
        account("", "");
        accounts.updateOrCreateByEmail("w@x", v -> v.name("A").phone("p"));
        db.jdbi.useHandle(h -> {
            long w = writes(h);
            assertThat(accounts.on(h).updateOrCreateByEmail("w@x", v -> v.name("A")).updated()).isFalse();
            assertThat(writes(h) - w).as("autocommit handle").isZero();
        });
        db.jdbi.useTransaction(TransactionIsolationLevel.READ_COMMITTED, h -> {
            long w = writes(h);
            assertThat(accounts.on(h).updateOrCreateByEmail("w@x", v -> v.name("a").phone("P")).updated()).isFalse();
            assertThat(accounts.on(h).updateOrCreateByEmail("w@x", v -> {}, c -> c.name("z")).updated()).isFalse();
            assertThat(writes(h) - w).as("READ COMMITTED caller").isZero();
        });
    }

    /** Documents (not asserting zero): the ODKU meeting an unchanged row still attempts an insert. */
    @Test
    void theNoChangePathBehindASnapshotWritesNoRow() {
        account("", "");
        long[] w = new long[2];
        Outcome<UaAccount> o = inOldSnapshot(sql("INSERT INTO ua_account (email, name) VALUES ('ws@x', 'A')"), h -> {
            w[0] = writes(h);
            Outcome<UaAccount> r = accounts.on(h).updateOrCreateByEmail("ws@x", v -> v.name("A"));
            w[1] = writes(h);
            return r;
        });
        assertThat(o.created() || o.updated()).isFalse();
        System.out.println("ODKU no-change path: Handler_write+Handler_update delta = " + (w[1] - w[0]));
        assertThat(db.count("ua_account")).isEqualTo(1);
    }

    private static long writes(Handle h) {
        return h.createQuery("SHOW SESSION STATUS WHERE Variable_name IN ('Handler_update', 'Handler_write')")
                .map((rs, ctx) -> rs.getLong(2)).list().stream().mapToLong(Long::longValue).sum();
    }

    // ---------------------------------------------------------------------------------------------
    // Races.

    interface Call {
        boolean created(int i) throws Exception;
    }

    /** Threads each calling once for one key at the same moment; exactly one says created; none throws. */
    private static void raceOn(int threads, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int i = t + 1;
                fs.add(pool.submit(() -> {
                    start.await();
                    return call.created(i);
                }));
            }
            start.countDown();
            int creators = 0;
            for (Future<Boolean> f : fs) {
                creators += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(creators).isEqualTo(1);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void racesMixingGetOrCreateAndUpdateOrCreateWithCreateOnlyInCallersTransactions() throws Exception {
        account("", "");
        for (int round = 0; round < 12; round++) {
            String key = "mix" + round + "@x";
            TransactionIsolationLevel level = round % 2 == 0 ? TransactionIsolationLevel.REPEATABLE_READ
                    : TransactionIsolationLevel.READ_COMMITTED;
            Set<Long> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
            raceOn(12, i -> db.jdbi.inTransaction(level, h -> {
                h.createQuery("SELECT COUNT(*) FROM ua_account").mapTo(Long.class).one();
                Outcome<UaAccount> o;
                if (i % 3 == 0) {
                    o = accounts.on(h).getOrCreateByEmail(key, d -> d.name("g" + i).phone("g" + i));
                } else {
                    o = accounts.on(h).updateOrCreateByEmail(key, v -> v.name("n" + i).phone("p" + i), c -> c.n(i));
                    assertThat(o.entity().name()).isEqualTo("n" + i);
                    assertThat(o.entity().phone()).isEqualTo("p" + i);
                    if (o.created()) {
                        assertThat(o.entity().n()).isEqualTo(i);
                    }
                }
                assertThat(o.created() && o.updated()).isFalse();
                ids.add(o.entity().id());
                return o.created();
            }));
            assertThat(ids).hasSize(1);
            UaAccount last = accounts.findByEmail(key).orElseThrow();
            assertThat(last.name().substring(1)).isEqualTo(last.phone().substring(1));
        }
        assertThat(db.count("ua_account")).isEqualTo(12);
    }

    @Test
    void racesWithDeletesOfTheRow() throws Exception {
        account("", "");
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            List<Future<?>> fs = new ArrayList<>();
            fs.add(pool.submit(() -> {
                while (!stop.get()) {
                    try {
                        db.exec("DELETE FROM ua_account WHERE email = 'del@x'");
                    } catch (RuntimeException deadlockOfTheDeleterItself) {
                        // the test's own DELETE may be picked as a deadlock victim; not the DAO's concern
                    }
                }
                return null;
            }));
            List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 8; t++) {
                int i = t + 1;
                fs.add(pool.submit(() -> {
                    for (int k = 0; k < 60; k++) {
                        try {
                            Outcome<UaAccount> o;
                            if (i % 4 == 0) {
                                o = accounts.getOrCreateByEmail("del@x", d -> d.name("g"));
                            } else if (i % 4 == 1) {
                                o = db.jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED,
                                        h -> accounts.on(h).updateOrCreateByEmail("del@x", v -> v.name("n" + i).phone("p" + i),
                                                c -> c.n(i)));
                            } else {
                                o = accounts.updateOrCreateByEmail("del@x", v -> v.name("n" + i).phone("p" + i), c -> c.n(i));
                            }
                            if (i % 4 != 0) {
                                assertThat(o.entity().name()).isEqualTo("n" + i);
                                assertThat(o.entity().phone()).isEqualTo("p" + i);
                            }
                            assertThat(o.created() && o.updated()).isFalse();
                        } catch (io.getorcreate.TransactionRetryException e) {
                            // allowed in a caller's READ COMMITTED transaction when a waiter is picked as deadlock victim
                        } catch (Throwable e) {
                            errors.add(e);
                        }
                    }
                    return null;
                }));
            }
            for (int f = 1; f < fs.size(); f++) {
                fs.get(f).get(180, TimeUnit.SECONDS);
            }
            stop.set(true);
            fs.get(0).get(60, TimeUnit.SECONDS);
            errors.forEach(Throwable::printStackTrace);
            assertThat(errors).isEmpty();
            assertThat(db.count("ua_account")).isLessThanOrEqualTo(1);
        } finally {
            stop.set(true);
            pool.shutdownNow();
            pool.awaitTermination(60, TimeUnit.SECONDS);
        }
    }
}
