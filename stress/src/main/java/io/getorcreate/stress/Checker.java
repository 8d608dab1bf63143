package io.getorcreate.stress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads what callers were told and what the table holds, and checks the promises: one row per key;
 * every create a caller was told of exists with the id it was told; never two creators for one key;
 * one id per key across every caller; and no exception the contract does not allow here.
 */
final class Checker {
    private Checker() {}

    /** What a check found. {@link #passed()} when every invariant holds. */
    record Report(long operations, Map<String, Long> exceptions, List<String> duplicates, List<String> lostCreates,
            List<String> doubleCreates, List<String> idDisagreements, List<String> disallowed) {
        boolean passed() {
            return duplicates.isEmpty() && lostCreates.isEmpty() && doubleCreates.isEmpty() && idDisagreements.isEmpty()
                    && disallowed.isEmpty();
        }

        String problems() {
            List<String> all = new ArrayList<>();
            duplicates.forEach(d -> all.add("duplicate rows: " + d));
            lostCreates.forEach(d -> all.add("lost acknowledged create: " + d));
            doubleCreates.forEach(d -> all.add("two creators: " + d));
            idDisagreements.forEach(d -> all.add("ids disagree: " + d));
            disallowed.forEach(d -> all.add("exception outside the contract: " + d));
            return String.join("\n", all.subList(0, Math.min(all.size(), 20)));
        }
    }

    /**
     * @param rows the table: key to the ids of its rows
     * @param faults whether connection faults were injected (a lost connection is then allowed)
     */
    static Report check(Config config, List<Event> events, Map<String, List<Long>> rows, boolean faults) {
        Map<String, Long> exceptions = new TreeMap<>();
        List<String> duplicates = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        List<String> doubles = new ArrayList<>();
        List<String> disagreements = new ArrayList<>();
        List<String> disallowed = new ArrayList<>();

        rows.forEach((key, ids) -> {
            if (ids.size() > 1) {
                duplicates.add(key + " has rows " + ids);
            }
        });
        Map<String, Integer> creators = new HashMap<>();
        Map<String, Long> told = new HashMap<>();
        for (Event e : events) {
            if (e.failed()) {
                exceptions.merge(e.op() + " " + e.error(), 1L, Long::sum);
                if (!allowed(config, e, faults)) {
                    disallowed.add(e.format());
                }
                continue;
            }
            if (e.id() < 0) {
                continue; // a find that found nothing
            }
            List<Long> ids = rows.getOrDefault(e.key(), List.of());
            if (e.created()) {
                creators.merge(e.key(), 1, Integer::sum);
                if (!ids.contains(e.id())) {
                    lost.add(e.format() + " but the table has " + ids);
                }
            }
            Long first = told.putIfAbsent(e.key(), e.id());
            if (first != null && first != e.id()) {
                disagreements.add(e.key() + " was told " + first + " and " + e.id());
            } else if (!ids.isEmpty() && !ids.contains(e.id())) {
                disagreements.add(e.key() + " was told " + e.id() + " but the table has " + ids);
            }
        }
        creators.forEach((key, n) -> {
            if (n > 1) {
                doubles.add(key + " was created " + n + " times");
            }
        });
        return new Report(events.size(), exceptions, duplicates, lost, doubles, disagreements, disallowed);
    }

    /** The exceptions the contract allows in a configuration. */
    static boolean allowed(Config config, Event e, boolean faults) {
        if (e.op().equals("create") && e.error().equals("IntegrityViolationException:UNIQUE")) {
            return true; // create of a key that exists
        }
        if (faults && e.error().startsWith(Worker.CONNECTION)) {
            return true; // the connection was killed under the caller, or stayed away past every retry
        }
        if (config.mode() == Config.Mode.CALLER && e.error().startsWith(Worker.CALLER_TX)) {
            // The caller's own transaction handling failed outside any DAO call (a COMMIT refused by
            // SERIALIZABLE, or a driver error while setting the isolation level); the caller retried.
            return true;
        }
        // Promise 8: a caller's REPEATABLE READ or SERIALIZABLE transaction may have to be retried (the worker did).
        return config.mode() == Config.Mode.CALLER && e.error().equals("TransactionRetryException")
                && (config.isolation() != Config.Isolation.READ_COMMITTED || faults);
    }
}
