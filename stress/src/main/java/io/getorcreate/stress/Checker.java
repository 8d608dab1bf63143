package io.getorcreate.stress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads what callers were told and what the table holds, and checks the promises, for single and bulk
 * calls alike: one row per key; every create a caller was told of exists with the id it was told; never
 * two creators for one key (two positions of one bulk call included, getOrCreate, getOrCreateAll,
 * updateOrCreate and updateOrCreateAll together), and a caller told it created a row never finds the row
 * inserted by another call; one id per key across every caller; every row given back is the key asked for
 * at that position; a row is inserted only by a call that said so (a call that threw created nothing);
 * and no exception the contract does not allow here.
 *
 * <p>Stamps (see {@link StressKey}): every row holds one call's stamp in both its stamp columns, never a
 * mix; that call wrote this key, and once an updateOrCreate of the key was acknowledged it is an
 * updateOrCreate's (an acknowledged update is never overwritten by a create); every updateOrCreate is
 * given back the row with its own stamp in both columns; it is told "unchanged" (neither created nor
 * updated) only where a lost connection explains it (its own earlier attempt committed unseen), as its
 * stamp is unique; and only updateOrCreate is ever told "updated".
 *
 * <p>Each position of an updateOrCreateAll is checked as an updateOrCreate of that call's (its stamp, its
 * outcome, its row given back), with one more rule for a key the call holds more than once: its later
 * positions set the values its first one set, so they are told neither created nor updated.
 */
final class Checker {
    private Checker() {}

    /**
     * What a check found. {@link #passed()} when every invariant holds.
     *
     * @param operations calls, a bulk call counting once (a caller's retried transactions count again)
     * @param bulkCalls the {@code getOrCreateAll} calls among them
     * @param bulkKeys the keys those calls asked for
     * @param unacknowledged rows inserted by a call that was not told so, where a lost connection explains
     *     it (RELIABILITY.md's caveat: an acknowledgement lost in flight); allowed, counted
     * @param misaligned a row given back for another key than the one asked at that position, a position
     *     with no outcome, or a bulk call's later position of a key told {@code created}
     * @param unreported rows inserted by a call that was not told so, with no lost connection to explain it
     * @param updateCalls the {@code updateOrCreate} calls among the operations (retried transactions again)
     * @param updateOutcomes how their successful calls ended: {@code created}, {@code updated}, {@code unchanged}
     * @param stampViolations a row holding a mix of two calls' stamps, or a stamp no call could have left
     *     there; an updateOrCreate (or a position of an updateOrCreateAll) given back a row without its own
     *     stamp; an unexplained "unchanged"; a getOrCreate told "updated"; a later position of a key in an
     *     updateOrCreateAll told "updated"
     * @param updateAllCalls the {@code updateOrCreateAll} calls among the operations (retried transactions again)
     * @param updateAllKeys the keys those calls asked for (positions)
     * @param updateAllOutcomes how the positions of their successful calls ended, as {@code updateOutcomes}
     */
    record Report(long operations, long bulkCalls, long bulkKeys, Map<String, Long> exceptions, List<String> duplicates,
            List<String> lostCreates, List<String> doubleCreates, List<String> idDisagreements, List<String> misaligned,
            List<String> unreported, List<String> unacknowledged, List<String> disallowed, long updateCalls,
            Map<String, Long> updateOutcomes, List<String> stampViolations, long updateAllCalls, long updateAllKeys,
            Map<String, Long> updateAllOutcomes) {
        boolean passed() {
            return duplicates.isEmpty() && lostCreates.isEmpty() && doubleCreates.isEmpty() && idDisagreements.isEmpty()
                    && misaligned.isEmpty() && unreported.isEmpty() && disallowed.isEmpty() && stampViolations.isEmpty();
        }

        /** Violations other than duplicates, lost creates and two creators. */
        int otherViolations() {
            return idDisagreements.size() + misaligned.size() + unreported.size() + disallowed.size()
                    + stampViolations.size();
        }

        String problems() {
            List<String> all = new ArrayList<>();
            duplicates.forEach(d -> all.add("duplicate rows: " + d));
            lostCreates.forEach(d -> all.add("lost acknowledged create: " + d));
            doubleCreates.forEach(d -> all.add("two creators: " + d));
            idDisagreements.forEach(d -> all.add("ids disagree: " + d));
            misaligned.forEach(d -> all.add("misaligned: " + d));
            unreported.forEach(d -> all.add("created but not told so: " + d));
            disallowed.forEach(d -> all.add("exception outside the contract: " + d));
            stampViolations.forEach(d -> all.add("stamps: " + d));
            return String.join("\n", all.subList(0, Math.min(all.size(), 20)));
        }
    }

    /** Checks a history against a table that records no owners. */
    static Report check(Config config, List<Event> events, Map<String, List<Long>> rows, boolean faults) {
        return check(config, events, rows, Map.of(), faults);
    }

    /** Checks a history against a table whose stamps are not checked. */
    static Report check(Config config, List<Event> events, Map<String, List<Long>> rows, Map<Long, String> owners,
            boolean faults) {
        return check(config, events, rows, owners, Map.of(), faults);
    }

    /**
     * @param rows the table: key to the ids of its rows
     * @param owners the table: id to the {@code owner} column, the tag of the call that inserted it with
     *     defaults or {@code create} (rows with no owner left out)
     * @param stamps the table: id to its stamps as {@link Event#stamps} spells them (rows left out are not checked)
     * @param faults whether connection faults were injected (a lost connection is then allowed)
     */
    static Report check(Config config, List<Event> events, Map<String, List<Long>> rows, Map<Long, String> owners,
            Map<Long, String> stamps, boolean faults) {
        Map<String, Long> exceptions = new TreeMap<>();
        List<String> duplicates = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        List<String> doubles = new ArrayList<>();
        List<String> disagreements = new ArrayList<>();
        List<String> misaligned = new ArrayList<>();
        List<String> unreported = new ArrayList<>();
        List<String> unacknowledged = new ArrayList<>();
        List<String> disallowed = new ArrayList<>();

        rows.forEach((key, ids) -> {
            if (ids.size() > 1) {
                duplicates.add(key + " has rows " + ids);
            }
        });
        long operations = 0;
        long bulkCalls = 0;
        long bulkKeys = 0;
        Map<String, Integer> creators = new HashMap<>();
        Map<String, Long> told = new HashMap<>();
        Set<String> acknowledged = new HashSet<>(); // call tag + id of every create a caller was told of
        Set<String> lostConnection = new HashSet<>(); // call tags that met a lost connection
        Map<String, Set<String>> keysSoFar = new HashMap<>(); // bulk call tag to the keys of its earlier positions
        List<String> stampViolations = new ArrayList<>();
        long updateCalls = 0;
        Map<String, Long> updateOutcomes = new TreeMap<>();
        Map<String, Set<String>> writers = new HashMap<>(); // key to the stamps of every call that may have written it
        Map<String, Set<String>> updaters = new HashMap<>(); // key to the stamps of its updateOrCreate(All) calls
        Map<Long, Set<String>> toldCreated = new HashMap<>(); // id to the calls told they created it
        long updateAllCalls = 0;
        long updateAllKeys = 0;
        Map<String, Long> updateAllOutcomes = new TreeMap<>();
        Set<String> acknowledgedUpdate = new HashSet<>(); // keys an updateOrCreate was told it created or updated
        List<Event> unchanged = new ArrayList<>();
        for (Event e : events) {
            if (e.startsCall()) {
                operations++;
            }
            if (!e.stamp().isEmpty()) {
                for (String k : e.failed() && e.manyKeys() ? e.key().split(",") : new String[] {e.key()}) {
                    writers.computeIfAbsent(k, x -> new HashSet<>()).add(e.stamp());
                    if (e.updates()) {
                        updaters.computeIfAbsent(k, x -> new HashSet<>()).add(e.stamp());
                    }
                }
            }
            if (e.updateOrCreate()) {
                updateCalls++;
                if (!e.failed()) {
                    String outcome = e.created() ? "created" : e.updated() ? "updated" : "unchanged";
                    updateOutcomes.merge(outcome, 1L, Long::sum);
                    if (!e.returned().equals(Event.stamps(e.stamp(), e.stamp()))) {
                        stampViolations.add(e.format() + ": told " + outcome + " but given back stamps "
                                + e.returned() + ", not its own " + e.stamp());
                    }
                    if (e.created() || e.updated()) {
                        acknowledgedUpdate.add(e.key());
                    } else {
                        unchanged.add(e);
                    }
                }
            } else if (e.updated() && !e.updates()) {
                stampViolations.add(e.format() + ": told updated by " + e.op());
            }
            if (e.bulk()) {
                bulkCalls += e.pos() == 0 ? 1 : 0;
                bulkKeys += e.failed() ? e.key().split(",").length : 1;
            }
            if (e.updateOrCreateAll()) {
                updateAllCalls += e.pos() == 0 ? 1 : 0;
                updateAllKeys += e.failed() ? e.key().split(",").length : 1;
            }
            if (e.failed()) {
                exceptions.merge(e.op() + " " + e.error(), 1L, Long::sum);
                if (!allowed(config, e, faults)) {
                    disallowed.add(e.format());
                }
                if (e.error().startsWith(Worker.CONNECTION)) {
                    lostConnection.add(e.call());
                }
                continue;
            }
            boolean laterPosition = e.manyKeys()
                    && !keysSoFar.computeIfAbsent(e.call(), c -> new HashSet<>()).add(e.key());
            if ((e.id() >= 0 || e.manyKeys()) && !e.got().equals(e.key())) {
                misaligned.add(e.format() + ": asked for " + e.key() + ", given " + e.got());
                continue;
            }
            if (e.updateOrCreateAll()) {
                // Each position is an updateOrCreate of this call's: its stamp in the row it was given back.
                String outcome = e.created() ? "created" : e.updated() ? "updated" : "unchanged";
                updateAllOutcomes.merge(outcome, 1L, Long::sum);
                if (!e.returned().equals(Event.stamps(e.stamp(), e.stamp()))) {
                    stampViolations.add(e.format() + ": position told " + outcome + " but given back stamps "
                            + e.returned() + ", not its call's " + e.stamp());
                }
                if (laterPosition) {
                    // Its first position wrote these very values, under the call's row lock.
                    if (e.updated()) {
                        stampViolations.add(e.format() + ": told updated at a later position of a key whose earlier "
                                + "position in the same call wrote the same values");
                    }
                } else if (e.created() || e.updated()) {
                    acknowledgedUpdate.add(e.key());
                } else {
                    unchanged.add(e);
                }
            }
            if (e.id() < 0) {
                continue; // a find that found nothing
            }
            List<Long> ids = rows.getOrDefault(e.key(), List.of());
            if (e.created()) {
                creators.merge(e.key(), 1, Integer::sum);
                acknowledged.add(e.call() + "\t" + e.id());
                toldCreated.computeIfAbsent(e.id(), x -> new HashSet<>()).add(e.call());
                if (laterPosition) {
                    misaligned.add(e.format() + ": created at a later position of a key the call asked for before");
                }
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
        for (Event e : unchanged) {
            // Its stamp is unique: the row held it already only if an earlier attempt of this call committed
            // unseen (a DAO-owned call retries a lost connection inside itself; a caller's is in the history).
            if (!(faults && (config.mode() == Config.Mode.DAO || lostConnection.contains(e.call())))) {
                stampViolations.add(e.format() + ": told unchanged although no other call writes its stamp");
            }
        }
        rows.forEach((key, ids) -> {
            for (long id : ids) {
                String held = stamps.get(id);
                if (held == null) {
                    continue;
                }
                String[] ab = held.split("/", -1);
                if (!ab[0].equals(ab[1])) {
                    stampViolations.add(key + " (id " + id + ") holds a mix of two calls' values: stamps " + held);
                } else if (!ab[0].isEmpty()) {
                    boolean byUpdate = updaters.getOrDefault(key, Set.of()).contains(ab[0]);
                    if (!byUpdate && !writers.getOrDefault(key, Set.of()).contains(ab[0])) {
                        stampViolations.add(key + " (id " + id + ") holds stamp " + ab[0] + " of no call that wrote it");
                    } else if (!byUpdate && acknowledgedUpdate.contains(key)) {
                        stampViolations.add(key + " (id " + id + ") holds stamp " + ab[0]
                                + " of a create although an updateOrCreate was told it wrote the key");
                    }
                } else if (acknowledgedUpdate.contains(key)) {
                    stampViolations.add(key + " (id " + id + ") holds no stamp although an updateOrCreate was told it wrote it");
                }
            }
        });
        creators.forEach((key, n) -> {
            if (n > 1) {
                doubles.add(key + " was created " + n + " times");
            }
        });
        rows.forEach((key, ids) -> {
            for (long id : ids) {
                // One caller told it created the row, yet the row's owner says another call inserted it (an
                // updateOrCreateAll, or a getOrCreate without defaults, writes no owner).
                String owner = owners.get(id);
                Set<String> toldCreators = toldCreated.getOrDefault(id, Set.of());
                if (owner != null && !owner.isEmpty() && creators.getOrDefault(key, 0) == 1 && !toldCreators.isEmpty()
                        && !toldCreators.contains(owner)) {
                    doubles.add(key + " (id " + id + ") was told created by " + toldCreators + " but inserted by call " + owner);
                }
            }
        });
        rows.forEach((key, ids) -> {
            for (long id : ids) {
                String owner = owners.get(id);
                if (owner == null || owner.isEmpty() || acknowledged.contains(owner + "\t" + id)) {
                    continue;
                }
                String what = key + " (id " + id + ") was inserted by call " + owner + ", which was not told it created it";
                // A DAO-owned call retries a lost connection inside itself, unseen; a caller's lost
                // connection is in the history. Either way the insert may have committed unacknowledged.
                if (faults && (config.mode() == Config.Mode.DAO || lostConnection.contains(owner))) {
                    unacknowledged.add(what);
                } else {
                    unreported.add(what);
                }
            }
        });
        return new Report(operations, bulkCalls, bulkKeys, exceptions, duplicates, lost, doubles, disagreements,
                misaligned, unreported, unacknowledged, disallowed, updateCalls, updateOutcomes, stampViolations,
                updateAllCalls, updateAllKeys, updateAllOutcomes);
    }

    /** The exceptions the contract allows in a configuration, for single and bulk calls alike. */
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
        // Promise 8: a caller's REPEATABLE READ or SERIALIZABLE transaction may have to be retried (the worker
        // did); on MariaDB so may a caller's updateOrCreate (or updateOrCreateAll) that creates a key others
        // create at once, at any level (docs/limits.md: InnoDB ends some of them as deadlock victims); and
        // so may a caller's updateOrCreateAll wherever it runs key after key (H2, MariaDB), which two such
        // calls over the same keys in different orders can deadlock (docs/limits.md). PostgreSQL's one
        // statement locks in key order, so there it is held to getOrCreateAll's rule. H2 at READ COMMITTED,
        // under this mix of callers' bulk transactions, now and then reports a deadlock to a caller's single
        // or bulk call too (docs/limits.md: not explained yet), so there any call may be told to retry.
        return config.mode() == Config.Mode.CALLER && e.error().equals("TransactionRetryException")
                && (config.isolation() != Config.Isolation.READ_COMMITTED || faults
                        || config.db() == Config.Db.MARIADB && e.updates()
                        || config.db() != Config.Db.POSTGRES && e.updateOrCreateAll()
                        || config.db() == Config.Db.H2);
    }
}
