package io.getorcreate.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The keys and values of the update-or-create scenarios, and the check of a contender's answer.
 * <ul>
 *   <li>create: every key is new;
 *   <li>change: every key exists (the 10,000 {@code hit-} rows) and gets a note it never held;
 *   <li>nochange: every key exists (10,000 {@code same-} rows, added by {@link #prepare}) and already
 *       holds the note it is given.
 * </ul>
 */
final class UpdateScenario {
    static final List<String> ALL = List.of("create", "change", "nochange");
    static final String SAME = "same";

    record Keys(List<String> names, List<String> notes) {}

    private UpdateScenario() {}

    /** Adds the no-change scenario's rows, {@code same-0} to {@code same-9999}, each with note {@value #SAME}. */
    static void prepare(Database db) throws Exception {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO bench_item (name, note) VALUES (?, ?)")) {
            for (int i = 0; i < Database.HIT_KEYS; i++) {
                ps.setString(1, "same-" + i);
                ps.setString(2, SAME);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** {@code n} distinct keys of the scenario; existing keys from {@code start}, 7 apart modulo 10,000. */
    static Keys keys(String scenario, String run, AtomicLong counter, int start, int n) {
        List<String> names = new ArrayList<>(n);
        List<String> notes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int existing = Math.floorMod(start + 7 * i, Database.HIT_KEYS);
            switch (scenario) {
                case "create" -> {
                    long k = counter.incrementAndGet();
                    names.add("up-" + run + "-" + k);
                    notes.add("v-" + k);
                }
                case "change" -> {
                    names.add("hit-" + existing);
                    notes.add("c-" + run + "-" + counter.incrementAndGet());
                }
                case "nochange" -> {
                    names.add("same-" + existing);
                    notes.add(SAME);
                }
                default -> throw new IllegalArgumentException(scenario);
            }
        }
        return new Keys(names, notes);
    }

    /** Fails unless every flag is the scenario's (created on create, updated on change, neither on no-change). */
    static void checkFlags(String scenario, String contender, Database.Kind kind, Keys keys, UpdateContender.Result[] results) {
        if (results.length != keys.names().size()) {
            throw new AssertionError(contender + " on " + kind + ", " + scenario + ": " + results.length + " results for "
                    + keys.names().size() + " keys");
        }
        for (int i = 0; i < results.length; i++) {
            UpdateContender.Result r = results[i];
            boolean created = scenario.equals("create");
            boolean updated = scenario.equals("change");
            if (r == null || r.created() != created || r.updated() != null && r.updated() != updated) {
                throw new AssertionError(contender + " on " + kind + ", " + scenario + ": position " + i + " ("
                        + keys.names().get(i) + ") answered " + r + "; expected created=" + created + ", updated=" + updated);
            }
        }
    }

    /** {@link #checkFlags}, and every position holds the table's row for its key, which holds the key's note. */
    static void check(Database db, String scenario, String contender, Keys keys, UpdateContender.Result[] results)
            throws Exception {
        checkFlags(scenario, contender, db.kind, keys, results);
        Map<String, BenchItem> stored;
        try (Connection c = db.dataSource().getConnection()) {
            int[] all = new int[keys.names().size()];
            Arrays.setAll(all, i -> i);
            stored = BulkContender.selectIn(c, new HashMap<>(), keys.names(), all);
        }
        for (int i = 0; i < results.length; i++) {
            BenchItem row = results[i].row();
            BenchItem expected = stored.get(keys.names().get(i));
            if (expected == null || !expected.equals(row) || !Objects.equals(expected.note(), keys.notes().get(i))) {
                throw new AssertionError(contender + " on " + db.kind + ", " + scenario + ": position " + i + " ("
                        + keys.names().get(i) + ", note " + keys.notes().get(i) + ") returned " + row + ", the table holds "
                        + expected);
            }
        }
    }
}
