package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.getorcreate.IntegrityViolationException;
import io.getorcreate.Outcome;
import io.getorcreate.it.VlaEntities.Color;
import io.getorcreate.it.VlaEntities.Item;
import io.getorcreate.it.VlaEntities.Multi;
import io.getorcreate.it.VlaEntities.Types;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Adversarial tests of H2's and MariaDB's four-statements-per-chunk updateOrCreateAll (ValuesListBulkUpdate). */
abstract class VlBulkUpdateAttackTest {
    TestDatabase db;
    VlaEntities_ItemDao items;

    abstract TestDatabase.Kind kind();

    boolean maria() {
        return kind() == TestDatabase.Kind.MARIADB;
    }

    @BeforeEach
    void setUp() {
        db = TestDatabase.open(kind(), 8);
        drop();
        db.exec("CREATE TABLE vla_parent (id BIGINT PRIMARY KEY)", "INSERT INTO vla_parent (id) VALUES (1)");
        db.exec("CREATE TABLE vla_item (" + db.identity() + ", code VARCHAR(40) NOT NULL, note VARCHAR(40), "
                + "qty INTEGER NOT NULL DEFAULT 1, parent BIGINT, CONSTRAINT vla_item_code_key UNIQUE (code), "
                + "CONSTRAINT vla_item_qty_check CHECK (qty >= 0), "
                + "CONSTRAINT vla_item_parent_fk FOREIGN KEY (parent) REFERENCES vla_parent (id))"
                + (maria() ? " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci" : ""));
        items = new VlaEntities_ItemDao(db.jdbi);
    }

    @AfterEach
    void tearDown() {
        if (db != null) {
            drop();
            db.close();
        }
    }

    private void drop() {
        db.drop("vla_item", "vla_parent", "vla_pair", "vla_types", "vla_multi", "vla_blob", "uoc_hits");
    }

    @Test
    void valuesSetNullAndFromNull() {
        items.updateOrCreateByCode("a", v -> v.note("x"));
        items.updateOrCreateByCode("b", v -> v.note(null));
        List<Outcome<Item>> out = items.updateOrCreateAllByCode(List.of("a", "b", "c", "a"),
                (k, v) -> v.note(k.equals("a") ? null : k.equals("b") ? "y" : null));
        assertThat(out).extracting(Outcome::created).containsExactly(false, false, true, false);
        assertThat(out).extracting(Outcome::updated).containsExactly(true, true, false, false);
        assertThat(out).extracting(o -> o.entity().note()).containsExactly(null, "y", null, null);
        List<Outcome<Item>> again = items.updateOrCreateAllByCode(List.of("a", "b", "c"),
                (k, v) -> v.note(k.equals("b") ? "y" : null));
        assertThat(again).extracting(Outcome::updated).containsExactly(false, false, false);
    }

    private static void allValues(VlaEntities_TypesDao.Defaults v, int n) {
        v.s(n == 0 ? null : "s" + n).b(n % 2 == 0).sh((short) n).i(n).l(1L << 40 | n).d(0.1 * n).f(n + 0.5f)
                .bd(new BigDecimal("1.10").multiply(BigDecimal.valueOf(n)))
                .ld(LocalDate.of(2020, 1, 1).plusDays(n)).ldt(LocalDateTime.of(2020, 1, 1, 0, 0, 0, 123_456_000).plusSeconds(n))
                .lt(LocalTime.of(1, 2, 3, 456_000_000).plusSeconds(n)).ins(Instant.parse("2021-03-04T05:06:07.123456Z").plusSeconds(n))
                .odt(OffsetDateTime.of(2022, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(2)).plusMinutes(n))
                .u(new UUID(n, n)).bytes(new byte[] {(byte) n, 0, (byte) 0xff}).e(Color.values()[n % 3]);
    }

    /** Every type as a value: a second call with the same values changes nothing and says so. */
    @Test
    void everyTypeAsAValueIsUnchangedWhenRepeated() {
        VlaEntities_TypesDao types = new VlaEntities_TypesDao(db.jdbi);
        types.createTable();
        List<String> keys = List.of("t1", "t2", "t3");
        List<Outcome<Types>> first = types.updateOrCreateAllByCode(keys, (k, v) -> allValues(v, k.charAt(1) - '0'));
        assertThat(first).extracting(Outcome::created).containsExactly(true, true, true);
        List<Outcome<Types>> second = types.updateOrCreateAllByCode(keys, (k, v) -> allValues(v, k.charAt(1) - '0'));
        assertThat(second).extracting(Outcome::updated).as("updated on repeat").containsExactly(false, false, false);
        List<Outcome<Types>> third = types.updateOrCreateAllByCode(keys, (k, v) -> allValues(v, k.charAt(1) - '0' + 3));
        assertThat(third).extracting(Outcome::updated).containsExactly(true, true, true);
        for (int i = 0; i < 3; i++) {
            Types stored = types.findByCode(keys.get(i)).orElseThrow();
            assertThat(third.get(i).entity().i()).isEqualTo(stored.i()).isEqualTo(i + 4);
            assertThat(third.get(i).entity().bytes()).isEqualTo(stored.bytes());
            assertThat(third.get(i).entity().ins()).isEqualTo(stored.ins());
            assertThat(third.get(i).entity().e()).isEqualTo(Color.values()[(i + 4) % 3]);
        }
    }

    /** 2,100 keys setting every column: three chunks of many placeholders each; twice, the second changing nothing. */
    @Test
    void manyKeysWithEveryColumnSet() {
        VlaEntities_TypesDao types = new VlaEntities_TypesDao(db.jdbi);
        types.createTable();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2100; i++) {
            keys.add("m" + (i * 7919 % 2100));
        }
        List<Outcome<Types>> first = types.updateOrCreateAllByCode(keys, (k, v) -> allValues(v, Integer.parseInt(k.substring(1)) % 100));
        assertThat(first).allMatch(Outcome::created);
        List<Outcome<Types>> second = types.updateOrCreateAllByCode(keys, (k, v) -> allValues(v, Integer.parseInt(k.substring(1)) % 100));
        assertThat(second).noneMatch(o -> o.created() || o.updated());
        for (int i = 0; i < keys.size(); i++) {
            assertThat(second.get(i).entity().code()).isEqualTo(keys.get(i));
            assertThat(second.get(i).entity().i()).isEqualTo(Integer.parseInt(keys.get(i).substring(1)) % 100);
        }
        assertThat(db.count("vla_types")).isEqualTo(2100);
    }

    /** Every conversion-needing type as a component of a key. */
    @Test
    void everyTypeAsAKeyComponent() {
        VlaEntities_MultiDao multis = new VlaEntities_MultiDao(db.jdbi);
        multis.createTable();
        List<VlaEntities_MultiDao.UidAndAtAndAmountAndColorAndDayAndTimeAndFlagAndBig> keys = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            keys.add(new VlaEntities_MultiDao.UidAndAtAndAmountAndColorAndDayAndTimeAndFlagAndBig(new UUID(n, -n),
                    Instant.parse("2021-03-04T05:06:07.123456Z").plusSeconds(n), new BigDecimal(n + ".5"),
                    Color.values()[n % 3], LocalDate.of(1999, 12, 31).plusDays(n), LocalTime.of(23, 59, 59, 999_999_000),
                    n % 2 == 0, Long.MIN_VALUE + n));
        }
        multis.updateOrCreateAllByUidAndAtAndAmountAndColorAndDayAndTimeAndFlagAndBig(List.of(keys.get(0)), (k, v) -> v.note("old"));
        multis.updateOrCreateAllByUidAndAtAndAmountAndColorAndDayAndTimeAndFlagAndBig(List.of(keys.get(1)), (k, v) -> v.note("same"));
        List<VlaEntities_MultiDao.UidAndAtAndAmountAndColorAndDayAndTimeAndFlagAndBig> input = new ArrayList<>(keys);
        input.add(keys.get(0));
        List<Outcome<Multi>> out = multis.updateOrCreateAllByUidAndAtAndAmountAndColorAndDayAndTimeAndFlagAndBig(input,
                (k, v) -> v.note(k.equals(keys.get(1)) ? "same" : "n" + k.big()));
        assertThat(out).extracting(Outcome::created).containsExactly(false, false, true, true, true, true, false);
        assertThat(out).extracting(Outcome::updated).containsExactly(true, false, false, false, false, false, false);
        assertThat(db.count("vla_multi")).isEqualTo(6);
    }

    @Test
    void aBinaryKey() {
        VlaEntities_BlobDao blobs = new VlaEntities_BlobDao(db.jdbi);
        if (maria()) {
            db.exec("CREATE TABLE vla_blob (" + db.identity() + ", data VARBINARY(16) NOT NULL, note VARCHAR(20), "
                    + "CONSTRAINT vla_blob_key UNIQUE (data))");
        } else {
            blobs.createTable();
        }
        blobs.updateOrCreateByData(new byte[] {1, 2}, v -> v.note("old"));
        List<Outcome<VlaEntities.Blob>> out = blobs.updateOrCreateAllByData(
                List.of(new byte[] {1, 2}, new byte[] {0}, new byte[] {1, 2, 0}, new byte[] {1, 2}, new byte[] {0}),
                (k, v) -> v.note("n" + k.length));
        assertThat(out).extracting(Outcome::created).containsExactly(false, true, true, false, false);
        assertThat(out).extracting(Outcome::updated).containsExactly(true, false, false, false, false);
        assertThat(db.count("vla_blob")).isEqualTo(3);
    }

    /** Over 1,000 keys with repeats far apart: every repeat updates once, in input order. */
    @Test
    void repeatsAcrossChunkBoundariesApplyInInputOrder() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2600; i++) {
            keys.add("r" + (i % 1300));
        }
        Collections.shuffle(keys, new Random(7));
        Map<String, Integer> last = new HashMap<>();
        Map<String, Integer> firstAt = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            last.put(keys.get(i), i);
            firstAt.putIfAbsent(keys.get(i), i);
        }
        int[] counter = {0};
        List<Outcome<Item>> out = items.updateOrCreateAllByCode(keys, (k, v) -> v.note("p" + counter[0]++));
        for (int i = 0; i < keys.size(); i++) {
            assertThat(out.get(i).entity().code()).isEqualTo(keys.get(i));
            assertThat(out.get(i).entity().note()).as("position " + i).isEqualTo("p" + i);
            assertThat(out.get(i).created()).isEqualTo(firstAt.get(keys.get(i)) == i);
        }
        for (String k : last.keySet()) {
            assertThat(items.findByCode(k).orElseThrow().note()).isEqualTo("p" + last.get(k));
        }
        assertThat(db.count("vla_item")).isEqualTo(1300);
    }

    private void assertIntegrity(Throwable t, IntegrityViolationException.Kind kind, String constraint) {
        assertThat(t).isInstanceOf(IntegrityViolationException.class);
        IntegrityViolationException e = (IntegrityViolationException) t;
        assertThat(e.kind()).isEqualTo(kind);
        if (constraint != null) {
            assertThat(e.constraint().map(c -> c.toLowerCase())).as("constraint of " + e).contains(constraint);
        }
    }

    /** NOT NULL, CHECK and FK violations in the UPDATE part and in the INSERT part. */
    @Test
    void integrityViolationsInTheUpdateAndTheInsertPart() {
        items.updateOrCreateByCode("e1", v -> v.note("before").qty(5));
        items.updateOrCreateByCode("e2", v -> v.note("before").qty(5));
        // UPDATE part: CHECK, NOT NULL, FK on existing rows.
        assertIntegrity(catchThrowable(() -> items.updateOrCreateAllByCode(List.of("new1", "e1", "e2"),
                (k, v) -> v.qty(k.equals("e2") ? -1 : 3))), IntegrityViolationException.Kind.CHECK, "vla_item_qty_check");
        assertIntegrity(catchThrowable(() -> items.updateOrCreateAllByCode(List.of("new1", "e1", "e2"),
                (k, v) -> v.qty(k.equals("e2") ? null : 3))), IntegrityViolationException.Kind.NOT_NULL, null);
        assertIntegrity(catchThrowable(() -> items.updateOrCreateAllByCode(List.of("new1", "e1", "e2"),
                (k, v) -> v.parent(k.equals("e2") ? 99L : 1L))), IntegrityViolationException.Kind.FOREIGN_KEY, "vla_item_parent_fk");
        // INSERT part.
        assertIntegrity(catchThrowable(() -> items.updateOrCreateAllByCode(List.of("e1", "new1", "new2"),
                (k, v) -> v.qty(k.equals("new2") ? -1 : 3))), IntegrityViolationException.Kind.CHECK, "vla_item_qty_check");
        assertIntegrity(catchThrowable(() -> items.updateOrCreateAllByCode(List.of("e1", "new1", "new2"),
                (k, v) -> v.qty(k.equals("new2") ? null : 3))), IntegrityViolationException.Kind.NOT_NULL, null);
        assertIntegrity(catchThrowable(() -> items.updateOrCreateAllByCode(List.of("e1", "new1", "new2"),
                (k, v) -> v.parent(k.equals("new2") ? 99L : 1L))), IntegrityViolationException.Kind.FOREIGN_KEY, "vla_item_parent_fk");
        assertThat(db.count("vla_item")).isEqualTo(2);
        assertThat(items.findByCode("e1").orElseThrow().qty()).isEqualTo(5);
        assertThat(items.findByCode("e1").orElseThrow().parent()).isNull();
        // Inside a caller's transaction: usable afterwards, holding nothing of the failed call.
        try (Handle h = db.jdbi.open()) {
            h.begin();
            items.on(h).updateOrCreateByCode("mine", v -> v.note("m"));
            assertIntegrity(catchThrowable(() -> items.on(h).updateOrCreateAllByCode(List.of("new1", "e1", "e2"),
                    (k, v) -> v.qty(k.equals("e2") ? -1 : 3))), IntegrityViolationException.Kind.CHECK, "vla_item_qty_check");
            assertIntegrity(catchThrowable(() -> items.on(h).updateOrCreateAllByCode(List.of("e1", "new1", "new2"),
                    (k, v) -> v.parent(k.equals("new2") ? 99L : 1L))), IntegrityViolationException.Kind.FOREIGN_KEY,
                    "vla_item_parent_fk");
            items.on(h).updateOrCreateAllByCode(List.of("after"), (k, v) -> v.note("a"));
            h.commit();
        }
        assertThat(db.count("vla_item")).isEqualTo(4);
        assertThat(items.findByCode("e1").orElseThrow().qty()).isEqualTo(5);
        assertThat(items.findByCode("new1")).isEmpty();
    }

    /** A composite key whose string component the collation compares without case on MariaDB. */
    @Test
    void compositeKeyWithACaseInsensitiveComponent() {
        VlaEntities_PairDao pairs = new VlaEntities_PairDao(db.jdbi);
        db.exec("CREATE TABLE vla_pair (" + db.identity() + ", tenant BIGINT NOT NULL, code VARCHAR(40) "
                + (maria() ? "COLLATE utf8mb4_general_ci " : "") + "NOT NULL, note VARCHAR(40), "
                + "CONSTRAINT vla_pair_k UNIQUE (tenant, code))" + (maria() ? " DEFAULT CHARSET=utf8mb4" : ""));
        pairs.updateOrCreateByTenantAndCode(1, "Abc", v -> v.note("old"));
        List<VlaEntities_PairDao.TenantAndCode> keys = List.of(new VlaEntities_PairDao.TenantAndCode(1, "ABC"),
                new VlaEntities_PairDao.TenantAndCode(2, "abc"), new VlaEntities_PairDao.TenantAndCode(2, "ABC"),
                new VlaEntities_PairDao.TenantAndCode(1, "abc"));
        List<Outcome<VlaEntities.Pair>> out = pairs.updateOrCreateAllByTenantAndCode(keys, (k, v) -> v.note(MariaDbVlBulkUpdateAttackTest.note(k.tenant() + k.code())));
        assertThat(out).extracting(o -> o.entity().note()).containsExactly("31ABC", "02abc", "32ABC", "01abc");
        assertThat(pairs.findByTenantAndCode(1, maria() ? "aBC" : "abc").orElseThrow().note()).isEqualTo("01abc");
        assertThat(db.count("vla_pair")).isEqualTo(maria() ? 2 : 5);
        if (maria()) {
            assertThat(out).extracting(Outcome::created).containsExactly(false, true, false, false);
            assertThat(out.get(2).entity().id()).isEqualTo(out.get(1).entity().id());
        }
    }

    /** Threads of overlapping bulk calls in different orders and single calls, DAO-owned and in READ COMMITTED transactions. */
    @Test
    void daoOwnedBulkAndSingleCallsRaceToOneRowOneCreatorOwnValues() throws Exception {
        race(true, true, true, false);
    }

    /**
     * Bulk calls over overlapping subsets of keys in callers' READ COMMITTED transactions may deadlock: the
     * locking read takes the rows that exist, then the INSERT the missing keys, two statements each in key
     * order but not in one order together (a caller holding row k2 inserts k1, which another created
     * meanwhile and holds while it waits for k2). docs/limits.md says so; the contract for many keys allows
     * it as a TransactionRetryException. The callers retry as told, and nothing else may go wrong.
     */
    @Test
    void bulkCallsInReadCommittedTransactionsOverOverlappingSubsetsRetryAndEndConsistent() throws Exception {
        race(false, false, false, true);
    }

    void race(boolean singles, boolean caseVariants, boolean ownedBulk, boolean transactions) throws Exception {
        List<String> codes = new ArrayList<>();
        for (int k = 0; k < 80; k++) {
            codes.add((maria() && caseVariants && k % 2 == 0 ? "C" : "c") + k);
        }
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < (transactions ? 12 : 5); round++) {
                db.exec("DELETE FROM vla_item");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<Object[]>>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int stamp = round * 10 + t;
                    futures.add(pool.submit(() -> {
                        List<String> mine = new ArrayList<>();
                        Random r = new Random(stamp);
                        for (String c : codes) {
                            if (r.nextInt(3) > 0) {
                                mine.add(r.nextBoolean() && maria() && caseVariants ? c.toUpperCase() : c);
                            }
                        }
                        Collections.shuffle(mine, r);
                        start.await();
                        List<Object[]> seen = new ArrayList<>();
                        if (stamp % 3 == 0 && singles) {
                            for (String c : mine) {
                                Outcome<Item> o = items.updateOrCreateByCode(c, v -> v.note("s" + stamp).qty(stamp));
                                seen.add(new Object[] {c, o, stamp});
                            }
                        } else {
                            List<Outcome<Item>> out = stamp % 3 == 1 && ownedBulk || !transactions
                                    ? items.updateOrCreateAllByCode(mine, (c, v) -> v.note("s" + stamp).qty(stamp))
                                    : retrying(() -> db.jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED,
                                            h -> items.on(h).updateOrCreateAllByCode(mine, (c, v) -> v.note("s" + stamp).qty(stamp))));
                            for (int i = 0; i < mine.size(); i++) {
                                seen.add(new Object[] {mine.get(i), out.get(i), stamp});
                            }
                        }
                        return seen;
                    }));
                }
                start.countDown();
                Map<String, Integer> creators = new HashMap<>();
                for (Future<List<Object[]>> f : futures) {
                    for (Object[] s : f.get(120, TimeUnit.SECONDS)) {
                        @SuppressWarnings("unchecked")
                        Outcome<Item> o = (Outcome<Item>) s[1];
                        int stamp = (Integer) s[2];
                        assertThat(o.entity().code()).isEqualToIgnoringCase((String) s[0]);
                        assertThat(o.entity().note()).isEqualTo("s" + stamp);
                        assertThat(o.entity().qty()).isEqualTo(stamp);
                        creators.merge(((String) s[0]).toLowerCase(), o.created() ? 1 : 0, Integer::sum);
                    }
                }
                creators.forEach((c, n) -> assertThat(n).as("creators of " + c).isEqualTo(1));
                assertThat(db.count("vla_item")).isEqualTo(creators.size());
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    // A caller's transaction told to retry (a deadlock the database reported) runs again, as the docs say.
    private static <R> R retrying(java.util.function.Supplier<R> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (io.getorcreate.TransactionRetryException e) {
                assertThat(attempt).as("attempts of one caller's transaction").isLessThan(50);
            }
        }
    }
}
