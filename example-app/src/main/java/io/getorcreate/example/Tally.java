package io.getorcreate.example;

import io.getorcreate.Outcome;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Created and found counts per entity, safe to update from many threads. */
final class Tally {
    private final Map<String, LongAdder[]> counts = new LinkedHashMap<>();

    Tally(String... entities) {
        for (String entity : entities) {
            counts.put(entity, new LongAdder[] {new LongAdder(), new LongAdder()});
        }
    }

    <T> T count(String entity, Outcome<T> outcome) {
        counts.get(entity)[outcome.created() ? 0 : 1].increment();
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
        return counts.values().stream().mapToLong(c -> c[0].sum()).sum();
    }

    long found() {
        return counts.values().stream().mapToLong(c -> c[1].sum()).sum();
    }

    void print(PrintStream out) {
        String format = "%-12s %10s %10s%n";
        out.printf(format, "entity", "created", "found");
        counts.forEach((entity, c) -> out.printf(format, entity, c[0].sum(), c[1].sum()));
        out.printf(format, "total", created(), found());
    }
}
