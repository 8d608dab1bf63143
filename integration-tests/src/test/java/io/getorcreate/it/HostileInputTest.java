package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.getorcreate.InvalidValueException;
import io.getorcreate.Outcome;
import io.getorcreate.it.Entities.Note;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keys and values that break naive SQL, encodings, lengths, numbers and dates, on one database. */
abstract class HostileInputTest {
    TestDatabase db;
    Entities_NoteDao notes;

    abstract TestDatabase.Kind kind();

    @BeforeEach
    void setUp() {
        db = TestDatabase.open(kind(), 2);
        db.drop("note");
        String dbl = kind() == TestDatabase.Kind.MARIADB ? "DOUBLE" : "DOUBLE PRECISION";
        String charset = kind() == TestDatabase.Kind.MARIADB ? " DEFAULT CHARSET=utf8mb4" : "";
        db.exec("CREATE TABLE note (" + db.identity() + ", title VARCHAR(40) NOT NULL, body VARCHAR(50), score " + dbl
                + ", " + db.quote("day") + " DATE, CONSTRAINT note_title_key UNIQUE (title))" + charset);
        notes = new Entities_NoteDao(db.jdbi);
    }

    @AfterEach
    void tearDown() {
        if (db != null) {
            db.drop("note");
            db.close();
        }
    }

    @Test
    void keysThatBreakNaiveSqlRoundTrip() {
        List<String> keys = List.of("O'Brien", "say \"hi\"", "x'; DROP TABLE note; --", "/* c */ -- d", "back\\slash",
                "%_ like", "tab\tnew\nline\rcr\u0001\u001f", "emoji \uD83D\uDE00\uD83C\uDF89", "ünïcödé 漢字", "?", ":name");
        Map<String, Long> ids = new LinkedHashMap<>();
        for (String key : keys) {
            Outcome<Note> created = notes.getOrCreateByTitle(key, d -> d.body(key));
            assertThat(created.created()).as(key).isTrue();
            assertThat(created.entity().title()).isEqualTo(key);
            assertThat(created.entity().body()).isEqualTo(key);
            ids.put(key, created.entity().id());
        }
        for (String key : keys) {
            Outcome<Note> found = notes.getOrCreateByTitle(key);
            assertThat(found.created()).as(key).isFalse();
            assertThat(found.entity().id()).isEqualTo(ids.get(key));
            assertThat(notes.findByTitle(key)).contains(found.entity());
        }
        assertThat(db.count("note")).isEqualTo(keys.size());
    }

    @Test
    void valuesLongerThanTheColumnAreNamedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> notes.getOrCreateByTitle("t", d -> d.body("x".repeat(51))))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.table()).isEqualTo("note");
                    assertThat(e.column()).contains("body");
                    assertThat(e.getMessage()).contains("51").contains("50");
                });
        assertThatThrownBy(() -> notes.getOrCreateByTitle("k".repeat(41)))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.column()).contains("title"));
        assertThatThrownBy(() -> notes.create(new Note(null, "c", "y".repeat(60), null, null)))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.column()).contains("body"));
        assertThat(db.count("note")).isZero();
        // PostgreSQL and MariaDB count characters, so fifty emoji fit in VARCHAR(50); H2 counts UTF-16 units.
        String emoji = "\uD83D\uDE00".repeat(50);
        if (kind() == TestDatabase.Kind.H2) {
            assertThatThrownBy(() -> notes.getOrCreateByTitle("emoji", d -> d.body(emoji)))
                    .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.column()).contains("body"));
            assertThat(notes.getOrCreateByTitle("emoji", d -> d.body(emoji.substring(50))).entity().body())
                    .isEqualTo(emoji.substring(50));
        } else {
            assertThat(notes.getOrCreateByTitle("emoji", d -> d.body(emoji)).entity().body()).isEqualTo(emoji);
        }
    }

    @Test
    void nanAndInfinities() {
        for (double value : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            String key = "score " + value;
            if (kind() == TestDatabase.Kind.MARIADB) {
                assertThatThrownBy(() -> notes.getOrCreateByTitle(key, d -> d.score(value)))
                        .isInstanceOfSatisfying(InvalidValueException.class,
                                e -> assertThat(e.column()).contains("score"));
            } else {
                assertThat(Double.compare(notes.getOrCreateByTitle(key, d -> d.score(value)).entity().score(), value))
                        .isZero();
                assertThat(Double.compare(notes.findByTitle(key).orElseThrow().score(), value)).isZero();
            }
        }
    }

    @Test
    void extremeDates() {
        for (LocalDate day : List.of(LocalDate.of(1, 1, 1), LocalDate.of(1000, 1, 1), LocalDate.of(1582, 10, 4),
                LocalDate.of(1582, 10, 15), LocalDate.of(9999, 12, 31))) {
            Note note = notes.getOrCreateByTitle("day " + day, d -> d.day(day)).entity();
            assertThat(note.day()).isEqualTo(day);
            assertThat(notes.findByTitle("day " + day).orElseThrow().day()).isEqualTo(day);
        }
    }

    /**
     * Key equality follows the column's collation: whatever the unique index calls equal,
     * getOrCreate finds and findBy finds, and nothing loops or throws.
     */
    @Test
    void keysThatDifferOnlyInCaseOrTrailingSpacesFollowTheCollation() {
        Note first = notes.getOrCreateByTitle("Django").entity();
        Outcome<Note> lower = notes.getOrCreateByTitle("django");
        Outcome<Note> padded = notes.getOrCreateByTitle("Django ");
        boolean caseInsensitivePadSpace = kind() == TestDatabase.Kind.MARIADB; // utf8mb4_general_ci, PAD SPACE
        assertThat(lower.created()).isEqualTo(!caseInsensitivePadSpace);
        assertThat(padded.created()).isEqualTo(!caseInsensitivePadSpace);
        if (caseInsensitivePadSpace) {
            assertThat(lower.entity()).isEqualTo(first);
            assertThat(padded.entity()).isEqualTo(first);
            assertThat(db.count("note")).isEqualTo(1);
        } else {
            assertThat(db.count("note")).isEqualTo(3);
        }
        assertThat(notes.findByTitle("django")).contains(lower.entity());
        assertThat(notes.findByTitle("Django ")).contains(padded.entity());
        assertThat(notes.getOrCreateByTitle("django").created()).isFalse();
    }
}
