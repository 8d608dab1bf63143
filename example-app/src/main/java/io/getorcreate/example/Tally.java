package io.getorcreate.example;

import io.getorcreate.Outcome;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Created, updated and found counts per entity, safe to update from many threads. A found row is one left
 * unchanged: neither created nor updated.
 */
final class Tally {
    private static final int CREATED = 0;
    private static final int UPDATED = 1;
    private static final int FOUND = 2;

    private final Map<String, LongAdder[]> counts = new LinkedHashMap<>();

    Tally(String... entities) {
        for (String entity : entities) {
            counts.put(entity, new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder()});
        }
    }

    <T> T count(String entity, Outcome<T> outcome) {
        counts.get(entity)[outcome.created() ? CREATED : outcome.updated() ? UPDATED : FOUND].increment();
        return outcome.entity();
    }

    /** Counts each of {@code outcomes} and returns their entities, in the same order. */
    <T> List<T> countAll(String entity, List<Outcome<T>> outcomes) {
        List<T> entities = new ArrayList<>(outcomes.size());
        for (Outcome<T> outcome : outcomes) {
            entities.add(count(entity, outcome));
        }
        return entities;
    }

    long created() {
        return total(CREATED);
    }

    long updated() {
        return total(UPDATED);
    }

    /** Rows found and left as they were. */
    long found() {
        return total(FOUND);
    }

    private long total(int which) {
        return counts.values().stream().mapToLong(c -> c[which].sum()).sum();
    }

    /** The table of created and found rows per entity. */
    void print(PrintStream out) {
        String format = "%-12s %10s %10s%n";
        out.printf(format, "entity", "created", "found");
        counts.forEach((entity, c) -> out.printf(format, entity, c[CREATED].sum(), c[FOUND].sum()));
        out.printf(format, "total", created(), found());
    }

    /** The table of created, updated and unchanged rows per entity, for an import that updates. */
    void printWithUpdates(PrintStream out) {
        String format = "%-12s %10s %10s %10s%n";
        out.printf(format, "entity", "created", "updated", "unchanged");
        counts.forEach((entity, c) -> out.printf(format, entity, c[CREATED].sum(), c[UPDATED].sum(), c[FOUND].sum()));
        out.printf(format, "total", created(), updated(), found());
    }
}
