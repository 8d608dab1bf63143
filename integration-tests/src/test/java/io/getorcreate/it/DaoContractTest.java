package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.getorcreate.IntegrityViolationException;
import io.getorcreate.Outcome;
import io.getorcreate.SchemaException;
import io.getorcreate.it.Entities.Account;
import io.getorcreate.it.Entities.AllTypes;
import io.getorcreate.it.Entities.Category;
import io.getorcreate.it.Entities.Color;
import io.getorcreate.it.Entities.Customer;
import io.getorcreate.it.Entities.Order;
import io.getorcreate.it.Entities.Post;
import io.getorcreate.it.Entities.Tag;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Promises 1, 2 and 4 to 7 of the contract, and the DAO's other members, on one database. */
abstract class DaoContractTest {
    private static final String[] TABLES = {"post", "category", "customer", "tag", "account", "order", "all_types"};

    TestDatabase db;
    Entities_CustomerDao customers;
    Entities_TagDao tags;
    Entities_CategoryDao categories;
    Entities_PostDao posts;
    Entities_AccountDao accounts;

    abstract TestDatabase.Kind kind();

    @BeforeEach
    void setUp() {
        db = TestDatabase.open(kind(), 4);
        db.drop(TABLES);
        customers = new Entities_CustomerDao(db.jdbi);
        tags = new Entities_TagDao(db.jdbi);
        categories = new Entities_CategoryDao(db.jdbi);
        posts = new Entities_PostDao(db.jdbi);
        accounts = new Entities_AccountDao(db.jdbi);
    }

    @AfterEach
    void tearDown() {
        if (db != null) {
            db.drop(TABLES);
            db.close();
        }
    }

    /** A hand-written schema: column defaults, a CHECK, a second unique key, upper-case unquoted names. */
    void createAccountTable() {
        db.exec("CREATE TABLE account (" + db.identity() + ", EMAIL VARCHAR(100) NOT NULL, Handle VARCHAR(100), "
                + "CREDITS INTEGER DEFAULT 100 NOT NULL, status VARCHAR(20) DEFAULT 'new', "
                + "CONSTRAINT account_email_key UNIQUE (EMAIL), CONSTRAINT account_handle_key UNIQUE (Handle), "
                + "CONSTRAINT account_credits_check CHECK (CREDITS >= 0))");
    }

    void createPostWithForeignKey() {
        categories.createTable();
        db.exec("CREATE TABLE post (" + db.identity() + ", category_id BIGINT NOT NULL, title VARCHAR(200) NOT NULL, "
                + "body VARCHAR(200), CONSTRAINT post_title_category_key UNIQUE (title, category_id), "
                + "CONSTRAINT post_category_fk FOREIGN KEY (category_id) REFERENCES category (id))");
    }

    @Test
    void createsThenFinds() {
        customers.createTable();
        Outcome<Customer> created = customers.getOrCreateByEmail("johndoe@example.com",
                d -> d.name("John Doe").phone("1234567890"));
        assertThat(created.created()).isTrue();
        assertThat(created.entity().id()).isNotNull();
        assertThat(created.entity()).isEqualTo(
                new Customer(created.entity().id(), "johndoe@example.com", "John Doe", "1234567890"));

        AtomicInteger calls = new AtomicInteger();
        Outcome<Customer> found = customers.getOrCreateByEmail("johndoe@example.com", d -> {
            calls.incrementAndGet();
            d.name("Someone Else");
        });
        assertThat(found.created()).isFalse();
        assertThat(found.entity()).isEqualTo(created.entity());
        assertThat(calls).hasValue(0);
        assertThat(db.count("customer")).isEqualTo(1);
    }

    @Test
    void keyAloneCreatesAndFinds() {
        tags.createTable();
        Outcome<Tag> first = tags.getOrCreateByName("django");
        Outcome<Tag> second = tags.getOrCreateByName("django");
        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.entity()).isEqualTo(first.entity());
        assertThat(tags.findByName("django")).contains(first.entity());
        assertThat(tags.findByName("flask")).isEmpty();
        assertThat(tags.findById(first.entity().id())).contains(first.entity());
        assertThat(tags.findById(first.entity().id() + 1000)).isEmpty();
    }

    @Test
    void categoryAndPostWithCompositeKey() {
        categories.createTable();
        posts.createTable();
        Category tech = categories.getOrCreateByName("Tech").entity();
        Post post = posts.create(new Post(null, tech.id(), "New Django Features", null));
        assertThat(post.id()).isNotNull();
        assertThat(posts.findByCategoryIdAndTitle(tech.id(), "New Django Features")).contains(post);
        Outcome<Post> again = posts.getOrCreateByCategoryIdAndTitle(tech.id(), "New Django Features", d -> d.body("x"));
        assertThat(again.created()).isFalse();
        assertThat(again.entity()).isEqualTo(post);
        Outcome<Post> other = posts.getOrCreateByCategoryIdAndTitle(tech.id(), "Other", d -> d.body("b"));
        assertThat(other.created()).isTrue();
        assertThat(other.entity().body()).isEqualTo("b");
    }

    @Test
    void unsetDefaultsTakeTheColumnDefaultAndTheRowComesBackAsStored() {
        createAccountTable();
        Outcome<Account> created = accounts.getOrCreateByEmail("a@example.com", d -> d.handle("a"));
        assertThat(created.created()).isTrue();
        assertThat(created.entity().credits()).isEqualTo(100);
        assertThat(created.entity().status()).isEqualTo("new");
        Outcome<Account> byHandle = accounts.getOrCreateByHandle("a");
        assertThat(byHandle.created()).isFalse();
        assertThat(byHandle.entity()).isEqualTo(created.entity());
    }

    @Test
    void settingAKeyComponentInDefaultsIsAnError() {
        customers.createTable();
        assertThatThrownBy(() -> customers.getOrCreateByEmail("x@example.com", d -> d.email("y@example.com")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("email");
        assertThat(customers.findByEmail("x@example.com")).isEmpty();
    }

    @Test
    void nullKeyThrowsBeforeAnySql() {
        // No table exists: were any SQL sent, the schema check would throw SchemaException instead.
        assertThatThrownBy(() -> tags.getOrCreateByName(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> tags.getOrCreateByName(null, d -> {}))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> tags.findByName(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> posts.getOrCreateByCategoryIdAndTitle(1L, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("title");
    }

    @Test
    void otherUniqueConstraintIsNeverFound() {
        createAccountTable();
        accounts.getOrCreateByEmail("one@example.com", d -> d.handle("taken"));
        assertThatThrownBy(() -> accounts.getOrCreateByEmail("two@example.com", d -> d.handle("taken")))
                .isInstanceOfSatisfying(IntegrityViolationException.class, e -> {
                    assertThat(e.kind()).isEqualTo(IntegrityViolationException.Kind.UNIQUE);
                    assertThat(e.table()).isEqualTo("account");
                    assertThat(e.constraint()).hasValueSatisfying(
                            c -> assertThat(c).isEqualToIgnoringCase("account_handle_key"));
                    assertThat((Throwable) e.getCause()).isInstanceOf(SQLException.class);
                });
        assertThat(accounts.findByEmail("two@example.com")).isEmpty();
    }

    @Test
    void notNullAndCheckViolationsAreThrown() {
        createAccountTable();
        assertThatThrownBy(() -> accounts.getOrCreateByEmail("n@example.com", d -> d.credits(null)))
                .isInstanceOfSatisfying(IntegrityViolationException.class,
                        e -> assertThat(e.kind()).isEqualTo(IntegrityViolationException.Kind.NOT_NULL));
        assertThatThrownBy(() -> accounts.getOrCreateByEmail("c@example.com", d -> d.credits(-1)))
                .isInstanceOfSatisfying(IntegrityViolationException.class, e -> {
                    assertThat(e.kind()).isEqualTo(IntegrityViolationException.Kind.CHECK);
                    assertThat(e.constraint()).hasValueSatisfying(
                            c -> assertThat(c).isEqualToIgnoringCase("account_credits_check"));
                });
        assertThat(db.count("account")).isZero();
    }

    @Test
    void foreignKeyViolationIsThrownFromGetOrCreateAndCreate() {
        createPostWithForeignKey();
        assertThatThrownBy(() -> posts.getOrCreateByCategoryIdAndTitle(999L, "Orphan"))
                .isInstanceOfSatisfying(IntegrityViolationException.class, e -> {
                    assertThat(e.kind()).isEqualTo(IntegrityViolationException.Kind.FOREIGN_KEY);
                    assertThat(e.table()).isEqualTo("post");
                    assertThat(e.constraint()).hasValueSatisfying(
                            c -> assertThat(c).isEqualToIgnoringCase("post_category_fk"));
                });
        assertThatThrownBy(() -> posts.create(new Post(null, 999L, "Orphan", null)))
                .isInstanceOfSatisfying(IntegrityViolationException.class,
                        e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(IntegrityViolationException.Kind.FOREIGN_KEY));
    }

    @Test
    void createOfAnExistingKeyIsAUniqueViolation() {
        tags.createTable();
        tags.create(new Tag(null, "java"));
        assertThatThrownBy(() -> tags.create(new Tag(null, "java")))
                .isInstanceOfSatisfying(IntegrityViolationException.class,
                        e -> assertThat(e.kind()).isEqualTo(IntegrityViolationException.Kind.UNIQUE));
    }

    @Test
    void callersTransactionSurvivesIntegrityErrors() {
        createAccountTable();
        db.jdbi.useTransaction(h -> {
            Entities_AccountDao inTx = accounts.on(h);
            inTx.create(new Account(null, "one@example.com", "one", 5, null));
            assertThatThrownBy(() -> inTx.getOrCreateByEmail("two@example.com", d -> d.handle("one")))
                    .isInstanceOf(IntegrityViolationException.class);
            assertThatThrownBy(() -> inTx.create(new Account(null, "one@example.com", "dup", 1, null)))
                    .isInstanceOf(IntegrityViolationException.class);
            assertThatThrownBy(() -> inTx.getOrCreateByEmail("three@example.com", d -> d.credits(-5)))
                    .isInstanceOf(IntegrityViolationException.class);
            Outcome<Account> found = inTx.getOrCreateByEmail("one@example.com");
            assertThat(found.created()).isFalse();
            inTx.getOrCreateByEmail("four@example.com", d -> d.handle("four"));
        });
        assertThat(accounts.findByEmail("one@example.com")).isPresent();
        assertThat(accounts.findByEmail("four@example.com")).isPresent();
        assertThat(accounts.findByEmail("two@example.com")).isEmpty();
        assertThat(db.count("account")).isEqualTo(2);
    }

    @Test
    void callsJoinTheTransactionThisThreadHasOpen() {
        tags.createTable();
        tags.getOrCreateByName("warm-up"); // the schema check is done outside the transaction
        db.jdbi.useTransaction(h -> {
            assertThat(tags.getOrCreateByName("rolled-back").created()).isTrue();
            assertThat(tags.findByName("rolled-back")).isPresent();
            h.rollback();
        });
        assertThat(tags.findByName("rolled-back")).isEmpty();
    }

    @Test
    void onAHandleWithoutTransactionRunsInAutocommit() {
        tags.createTable();
        try (Handle h = db.jdbi.open()) {
            assertThat(tags.on(h).getOrCreateByName("auto").created()).isTrue();
            assertThat(h.isInTransaction()).isFalse();
        }
        assertThat(tags.findByName("auto")).isPresent();
    }

    @Test
    void poolsHandingOutAutoCommitFalseConnectionsStillCommit() {
        tags.createTable();
        createAccountTable();
        try (TestDatabase manual = TestDatabase.open(kind(), 2, false)) {
            if (kind() == TestDatabase.Kind.H2) {
                return; // each H2 pool is its own in-memory database; the other tests cover H2
            }
            Entities_TagDao manualTags = new Entities_TagDao(manual.jdbi);
            assertThat(manualTags.getOrCreateByName("committed").created()).isTrue();
            assertThat(manualTags.getOrCreateByName("committed").created()).isFalse();
            Entities_AccountDao manualAccounts = new Entities_AccountDao(manual.jdbi);
            manualAccounts.getOrCreateByEmail("x@example.com", d -> d.handle("x"));
            assertThatThrownBy(() -> manualAccounts.getOrCreateByEmail("y@example.com", d -> d.handle("x")))
                    .isInstanceOf(IntegrityViolationException.class);
            assertThat(manualAccounts.getOrCreateByEmail("z@example.com").created()).isTrue();
        }
        assertThat(tags.findByName("committed")).isPresent();
        assertThat(accounts.findByEmail("z@example.com")).isPresent();
        assertThat(accounts.findByEmail("y@example.com")).isEmpty();
    }

    @Test
    void missingTableNamesTheTableAndTheFix() {
        assertThatThrownBy(() -> tags.getOrCreateByName("x"))
                .isInstanceOfSatisfying(SchemaException.class, e -> {
                    assertThat(e.table()).isEqualTo("tag");
                    assertThat(e.getMessage()).contains("tag").contains("CREATE TABLE");
                });
        tags.createTable();
        assertThat(tags.getOrCreateByName("x").created()).isTrue();
    }

    @Test
    void keyWithoutUniqueConstraintIsRefusedUntilFixed() {
        db.exec("CREATE TABLE tag (" + db.identity() + ", name VARCHAR(100) NOT NULL)");
        assertThatThrownBy(() -> tags.getOrCreateByName("x"))
                .isInstanceOfSatisfying(SchemaException.class, e -> {
                    assertThat(e.columns()).containsExactly("name");
                    assertThat(e.getMessage()).contains("tag").contains("name").contains("UNIQUE");
                    assertThat(e.fix()).contains("ALTER TABLE").contains("UNIQUE");
                });
        assertThatThrownBy(() -> tags.findByName("x")).isInstanceOf(SchemaException.class);
        db.exec("CREATE UNIQUE INDEX tag_name_idx ON tag (name)");
        assertThat(tags.getOrCreateByName("x").created()).isTrue();
    }

    @Test
    void aNewDaoChecksTheSchemaAgain() {
        tags.createTable();
        tags.getOrCreateByName("x");
        db.drop("tag");
        db.exec("CREATE TABLE tag (" + db.identity() + ", name VARCHAR(100) NOT NULL)");
        assertThatThrownBy(() -> new Entities_TagDao(db.jdbi).getOrCreateByName("y"))
                .isInstanceOf(SchemaException.class);
    }

    @Test
    void missingColumnIsNamed() {
        db.exec("CREATE TABLE customer (" + db.identity() + ", email VARCHAR(100) NOT NULL UNIQUE, name VARCHAR(100))");
        assertThatThrownBy(() -> customers.findByEmail("x"))
                .isInstanceOfSatisfying(SchemaException.class, e -> {
                    assertThat(e.columns()).containsExactly("phone");
                    assertThat(e.fix()).contains("ADD COLUMN");
                });
    }

    @Test
    void compositeKeyBackedByAConstraintInAnotherOrder() {
        createPostWithForeignKey();
        Category c = categories.getOrCreateByName("c").entity();
        assertThat(posts.getOrCreateByCategoryIdAndTitle(c.id(), "t").created()).isTrue();
        assertThat(posts.getOrCreateByCategoryIdAndTitle(c.id(), "t").created()).isFalse();
    }

    @Test
    void reservedWordsAsNames() {
        Entities_OrderDao orders = new Entities_OrderDao(db.jdbi);
        orders.createTable();
        Outcome<Order> created = orders.getOrCreateBySelectAndGroup("a", 1, d -> d.from("me"));
        assertThat(created.created()).isTrue();
        assertThat(created.entity().id()).isPositive();
        assertThat(orders.getOrCreateBySelectAndGroup("a", 1).entity()).isEqualTo(created.entity());
        assertThat(orders.findById(created.entity().id())).contains(created.entity());
    }

    @Test
    void everySupportedTypeRoundTrips() {
        Entities_AllTypesDao all = new Entities_AllTypesDao(db.jdbi);
        all.createTable();
        UUID code = UUID.randomUUID();
        Instant instant = Instant.parse("2024-02-29T12:34:56.123456Z");
        OffsetDateTime offset = OffsetDateTime.of(2023, 1, 2, 3, 4, 5, 6000, ZoneOffset.ofHours(2));
        AllTypes stored = all.create(new AllTypes(0, code, true, null, (short) 7, (short) -7, 42, null, 1L << 40, -5L,
                1.5, null, 2.5f, -0.5f, new BigDecimal("123.45"), LocalDate.of(2020, 2, 29),
                LocalDateTime.of(2021, 3, 4, 5, 6, 7, 8000), LocalTime.of(23, 59, 58), instant, offset,
                UUID.randomUUID(), new byte[] {1, 2, 3}, Color.GREEN));
        assertThat(stored.id()).isPositive();
        AllTypes found = all.findByCode(code).orElseThrow();
        assertThat(found.flag()).isTrue();
        assertThat(found.flagBox()).isNull();
        assertThat(found.small()).isEqualTo((short) 7);
        assertThat(found.smallBox()).isEqualTo((short) -7);
        assertThat(found.number()).isEqualTo(42);
        assertThat(found.numberBox()).isNull();
        assertThat(found.big()).isEqualTo(1L << 40);
        assertThat(found.bigBox()).isEqualTo(-5L);
        assertThat(found.real()).isEqualTo(1.5);
        assertThat(found.realBox()).isNull();
        assertThat(found.single()).isEqualTo(2.5f);
        assertThat(found.singleBox()).isEqualTo(-0.5f);
        assertThat(found.amount()).isEqualByComparingTo("123.45");
        assertThat(found.day()).isEqualTo(LocalDate.of(2020, 2, 29));
        assertThat(found.at()).isEqualTo(LocalDateTime.of(2021, 3, 4, 5, 6, 7, 8000));
        assertThat(found.time()).isEqualTo(LocalTime.of(23, 59, 58));
        assertThat(found.instant()).isEqualTo(instant);
        assertThat(found.offset().toInstant()).isEqualTo(offset.toInstant());
        assertThat(found.uuid()).isEqualTo(stored.uuid());
        assertThat(found.bytes()).containsExactly(1, 2, 3);
        assertThat(found.color()).isEqualTo(Color.GREEN);

        UUID other = UUID.randomUUID();
        Outcome<AllTypes> viaDefaults = all.getOrCreateByCode(other, d -> d.color(Color.RED)
                .instant(Instant.now().truncatedTo(ChronoUnit.MICROS)).bytes(new byte[] {9}));
        assertThat(viaDefaults.created()).isTrue();
        assertThat(viaDefaults.entity().color()).isEqualTo(Color.RED);
        assertThat(viaDefaults.entity().bytes()).containsExactly(9);
        assertThat(viaDefaults.entity().amount()).isNull();
        assertThat(all.getOrCreateByCode(other).created()).isFalse();
    }

    /** Every type through updateOrCreateAll (PostgreSQL binds them all as text arrays): written, compared, read back. */
    @Test
    void everySupportedTypeGoesThroughUpdateOrCreateAll() {
        Entities_AllTypesDao all = new Entities_AllTypesDao(db.jdbi);
        all.createTable();
        UUID existing = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        all.getOrCreateByCode(existing, d -> d.number(1));
        Instant instant = Instant.parse("2024-02-29T12:34:56.123456Z");
        OffsetDateTime offset = OffsetDateTime.of(2023, 1, 2, 3, 4, 5, 6000, ZoneOffset.ofHours(2));
        UUID uuid = UUID.randomUUID();
        java.util.function.BiConsumer<UUID, Entities_AllTypesDao.Defaults> values = (code, v) -> v.flag(true).flagBox(null)
                .small((short) 7).smallBox((short) -7).number(42).numberBox(null).big(1L << 40).bigBox(-5L).real(0.1)
                .realBox(null).single(2.5f).singleBox(-0.5f).amount(new BigDecimal("123.45")).day(LocalDate.of(2020, 2, 29))
                .at(LocalDateTime.of(2021, 3, 4, 5, 6, 7, 8000)).time(LocalTime.of(23, 59, 58)).instant(instant)
                .offset(offset).uuid(uuid).bytes(new byte[] {1, 2, 3}).color(Color.GREEN);
        List<Outcome<AllTypes>> first = all.updateOrCreateAllByCode(List.of(existing, fresh), values);
        assertThat(first).extracting(Outcome::created).containsExactly(false, true);
        assertThat(first).extracting(Outcome::updated).containsExactly(true, false);
        for (Outcome<AllTypes> o : first) {
            AllTypes a = o.entity();
            assertThat(all.findByCode(a.code())).hasValueSatisfying(stored -> assertThat(stored.number()).isEqualTo(42));
            assertThat(a.real()).isEqualTo(0.1);
            assertThat(a.single()).isEqualTo(2.5f);
            assertThat(a.amount()).isEqualByComparingTo("123.45");
            assertThat(a.at()).isEqualTo(LocalDateTime.of(2021, 3, 4, 5, 6, 7, 8000));
            assertThat(a.instant()).isEqualTo(instant);
            assertThat(a.offset().toInstant()).isEqualTo(offset.toInstant());
            assertThat(a.uuid()).isEqualTo(uuid);
            assertThat(a.bytes()).containsExactly(1, 2, 3);
            assertThat(a.color()).isEqualTo(Color.GREEN);
            assertThat(a.flagBox()).isNull();
        }
        List<Outcome<AllTypes>> again = all.updateOrCreateAllByCode(List.of(fresh, existing), values);
        assertThat(again).as("every value compares equal to itself as stored")
                .allSatisfy(o -> assertThat(o.created() || o.updated()).isFalse());
        List<Outcome<AllTypes>> changed = all.updateOrCreateAllByCode(List.of(existing),
                (code, v) -> v.bytes(new byte[] {4}).color(null));
        assertThat(changed.get(0).updated()).isTrue();
        assertThat(changed.get(0).entity().bytes()).containsExactly(4);
        assertThat(changed.get(0).entity().color()).isNull();
        assertThat(changed.get(0).entity().number()).isEqualTo(42);
    }
}
