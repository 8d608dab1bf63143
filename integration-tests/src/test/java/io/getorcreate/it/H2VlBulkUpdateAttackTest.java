package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.getorcreate.Outcome;
import io.getorcreate.it.VlaEntities.Item;
import java.util.List;
import org.junit.jupiter.api.Test;

class H2VlBulkUpdateAttackTest extends VlBulkUpdateAttackTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }

    /** A row-level UPDATE trigger fires for the changed rows only. */
    @Test
    void aRowLevelUpdateTriggerFiresOnlyForChangedRows() {
        db.exec("CREATE TABLE uoc_hits (n INTEGER)",
                "CREATE TRIGGER vla_item_upd AFTER UPDATE ON vla_item FOR EACH ROW CALL \"" + H2UpdateCounter.class.getName() + "\"");
        items.updateOrCreateAllByCode(List.of("a", "b", "c", "d"), (k, v) -> v.note("old").qty(1));
        List<Outcome<Item>> out = items.updateOrCreateAllByCode(List.of("a", "b", "c", "d", "e", "b"),
                (k, v) -> v.note(k.equals("b") ? "new" : "old").qty(1));
        assertThat(out).extracting(Outcome::updated).containsExactly(false, true, false, false, false, false);
        assertThat(db.count("uoc_hits")).isEqualTo(1);
    }

    /**
     * Once failed: VARCHAR_IGNORECASE keys "x", "X" both missing: the second position is the creator and the first
     * updates it after, so the row ends with "x"'s values though "X" came later. KeyOrder orders H2 keys as
     * untyped text (case-sensitive), so they are not one group; the INSERT of both fails on the key and
     * the one-by-one fallback runs them in that key order ("X" < "x"), not input order.
     */
    @Test
    void ignoreCaseKeysAreCreatedAndUpdatedInInputOrder() {
        db.drop("vla_item");
        db.exec("CREATE TABLE vla_item (" + db.identity() + ", code VARCHAR_IGNORECASE(40) NOT NULL, note VARCHAR(40), "
                + "qty INTEGER NOT NULL DEFAULT 1, parent BIGINT, CONSTRAINT vla_item_code_key UNIQUE (code))");
        items.updateOrCreateByCode("Abc", v -> v.note("old"));
        List<Outcome<Item>> out = items.updateOrCreateAllByCode(List.of("ABC", "x", "X", "abc", "Abc"), (k, v) -> v.note(k));
        assertThat(out).extracting(o -> o.entity().note()).containsExactly("ABC", "x", "X", "abc", "Abc");
        assertThat(items.findByCode("x").orElseThrow().note()).as("last writer").isEqualTo("X");
        assertThat(out).extracting(Outcome::created).containsExactly(false, true, false, false, false);
        assertThat(db.count("vla_item")).isEqualTo(2);
    }
}
