package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.getorcreate.Outcome;
import io.getorcreate.it.VlaEntities.Item;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.Test;

class MariaDbVlBulkUpdateAttackTest extends VlBulkUpdateAttackTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }

    /** PAD SPACE: keys that differ by trailing spaces are one row; the last position's values win. */
    @Test
    void keysDifferingByTrailingSpacesArePadSpaceOne() {
        items.updateOrCreateByCode("t", v -> v.note("old"));
        List<Outcome<Item>> out = items.updateOrCreateAllByCode(List.of("t ", "u", "T  ", "u ", "t"), (k, v) -> v.note("[" + k + "]"));
        assertThat(out).extracting(Outcome::created).containsExactly(false, true, false, false, false);
        assertThat(out).extracting(Outcome::updated).containsExactly(true, false, true, true, true);
        assertThat(out).extracting(o -> o.entity().note()).containsExactly("[t ]", "[u]", "[T  ]", "[u ]", "[t]");
        assertThat(db.count("vla_item")).isEqualTo(2);
    }

    /** NO PAD: keys that differ by trailing spaces are different rows. */
    @Test
    void keysDifferingByTrailingSpacesAreDistinctUnderNoPad() {
        db.drop("vla_item");
        db.exec("CREATE TABLE vla_item (" + db.identity() + ", code VARCHAR(40) COLLATE utf8mb4_nopad_bin NOT NULL, "
                + "note VARCHAR(40), qty INTEGER NOT NULL DEFAULT 1, parent BIGINT, CONSTRAINT vla_item_code_key UNIQUE (code))"
                + " DEFAULT CHARSET=utf8mb4");
        items.updateOrCreateByCode("t", v -> v.note("old"));
        List<Outcome<Item>> out = items.updateOrCreateAllByCode(List.of("t ", "t", "t  ", "t "), (k, v) -> v.note("[" + k + "]"));
        assertThat(out).extracting(Outcome::created).containsExactly(true, false, true, false);
        assertThat(out).extracting(o -> o.entity().code()).containsExactly("t ", "t", "t  ", "t ");
        assertThat(db.count("vla_item")).isEqualTo(3);
    }

    /** A caller's REPEATABLE READ snapshot taken before another connection created the row. */
    @Test
    void repeatableReadCallerAndARowCreatedAfterItsSnapshot() {
        try (Handle h = db.jdbi.open()) {
            h.setTransactionIsolationLevel(TransactionIsolationLevel.REPEATABLE_READ);
            h.begin();
            assertThat(h.createQuery("SELECT COUNT(*) FROM vla_item").mapTo(Long.class).one()).isZero();
            items.updateOrCreateByCode("late", v -> v.note("other"));
            items.updateOrCreateByCode("same", v -> v.note("kept"));
            List<Outcome<Item>> out = items.on(h).updateOrCreateAllByCode(List.of("late", "fresh", "same", "late"),
                    (k, v) -> v.note(k.equals("same") ? "kept" : "mine-" + k));
            assertThat(out).extracting(Outcome::created).containsExactly(false, true, false, false);
            assertThat(out).extracting(Outcome::updated).containsExactly(true, false, false, false);
            assertThat(out).extracting(o -> o.entity().note()).containsExactly("mine-late", "mine-fresh", "kept", "mine-late");
            h.commit();
        }
        assertThat(db.count("vla_item")).isEqualTo(3);
    }

    // The note column compares without case too: notes carry the number of capitals.
    static String note(String key) {
        return key.chars().filter(Character::isUpperCase).count() + key;
    }

    /** A session whose @goc_met holds something before the call: the met count is not fooled. */
    @Test
    void aSessionWithGocMetPreset() {
        for (String preset : List.of("5", "'7'", "NULL", "'x#3'", "1.5")) {
            try (Handle h = db.jdbi.open()) {
                h.execute("SET @goc_met = " + preset);
                String a = "Met" + preset.replaceAll("\\W", "");
                List<Outcome<Item>> out = items.on(h).updateOrCreateAllByCode(
                        List.of(a, a.toUpperCase(), a.toLowerCase(), "n" + a), (k, v) -> v.note(note(k)));
                assertThat(out).as("preset " + preset).extracting(Outcome::created).containsExactly(true, false, false, true);
                assertThat(out).extracting(o -> o.entity().note()).containsExactly(note(a), note(a.toUpperCase()), note(a.toLowerCase()), note("n" + a));
            }
        }
        assertThat(db.count("vla_item")).isEqualTo(10);
    }


    /**
     * Once failed: a FLOAT column that already held the value was reported updated (and written) on every call.
     * The value is compared as a double (0.1f bound as 0.1) with the FLOAT column widened (0.100000001...).
     */
    @Test
    void anUnchangedFloatValueIsNotReportedUpdated() {
        VlaEntities_TypesDao types = new VlaEntities_TypesDao(db.jdbi);
        types.createTable();
        types.updateOrCreateAllByCode(List.of("f1", "f2"), (k, v) -> v.f(0.1f));
        List<Outcome<VlaEntities.Types>> again = types.updateOrCreateAllByCode(List.of("f1", "f2"), (k, v) -> v.f(0.1f));
        assertThat(again).extracting(Outcome::updated).as("bulk").containsExactly(false, false);
        assertThat(types.updateOrCreateByCode("f1", v -> v.f(0.1f)).updated()).as("single").isFalse();
    }
}
