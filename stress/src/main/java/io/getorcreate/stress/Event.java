package io.getorcreate.stress;

/**
 * One line of a worker's history: what a caller was told about one key.
 *
 * <p>A single call ({@code goc}, {@code uoc}, {@code find}, {@code create}) is one event with {@code pos} -1. A
 * call for many keys ({@code all}: getOrCreateAll, {@code uall}: updateOrCreateAll) is one event per position
 * of its key list, {@code pos} 0 to n-1, all with the call's tag; when it throws, it is one failed event with
 * {@code pos} 0 whose {@code key} is the call's keys joined by commas.
 *
 * @param op {@code goc} (getOrCreate), {@code all} (getOrCreateAll), {@code uoc} (updateOrCreate), {@code uall}
 *     (updateOrCreateAll), {@code find} or {@code create}
 * @param call the call's tag, unique in the run; it is also the {@code owner} its {@code defaults},
 *     {@code create} and {@code updateOrCreate}'s {@code createOnly} write, so that the table says which call
 *     inserted a row ("" when unknown)
 * @param pos the key's position in a bulk call's list, or -1 for a single call
 * @param key the key asked for
 * @param got the key of the row the caller was given back ("" when none)
 * @param id the id told, or -1 when none (not found, or an exception)
 * @param created whether the caller was told it created the row
 * @param error the kind of exception the caller saw ("" when none); see {@link Worker#kind}
 * @param updated whether the caller was told it updated the row ({@code updateOrCreate} and
 *     {@code updateOrCreateAll}; never for the others)
 * @param stamp the stamp the call set in every non-key column it set (its tag), or "" when it set none
 *     ({@code getOrCreate} without defaults, {@code find}); a {@code getOrCreate} writes it only if it creates
 * @param returned the stamps of the row given back, {@code stampA/stampB} ("" for a null), or "" when none
 */
record Event(String op, String call, int pos, String key, String got, long id, boolean created, String error,
        boolean updated, String stamp, String returned) {
    static final String BULK = "all";
    static final String UPDATE = "uoc";
    static final String UPDATE_ALL = "uall";

    /** An event of a call that writes no stamp and is not told about one. */
    Event(String op, String call, int pos, String key, String got, long id, boolean created, String error) {
        this(op, call, pos, key, got, id, created, error, false, "", "");
    }

    /** A single call's event whose row, if any, has the key asked for. */
    Event(String op, String key, long id, boolean created, String error) {
        this(op, "", -1, key, id < 0 ? "" : key, id, created, error);
    }

    static Event parse(String line) {
        String[] f = line.split("\t", -1);
        return new Event(f[0], f[1], Integer.parseInt(f[2]), f[3], f[4], Long.parseLong(f[5]),
                Boolean.parseBoolean(f[6]), f[7], Boolean.parseBoolean(f[8]), f[9], f[10]);
    }

    String format() {
        return op + "\t" + call + "\t" + pos + "\t" + key + "\t" + got + "\t" + id + "\t" + created + "\t" + error
                + "\t" + updated + "\t" + stamp + "\t" + returned;
    }

    /** How {@link #returned} spells a row's two stamps. */
    static String stamps(String stampA, String stampB) {
        return (stampA == null ? "" : stampA) + "/" + (stampB == null ? "" : stampB);
    }

    boolean failed() {
        return !error.isEmpty();
    }

    boolean bulk() {
        return op.equals(BULK);
    }

    boolean updateOrCreate() {
        return op.equals(UPDATE);
    }

    boolean updateOrCreateAll() {
        return op.equals(UPDATE_ALL);
    }

    /** A call for many keys ({@code getOrCreateAll} or {@code updateOrCreateAll}): one event per position. */
    boolean manyKeys() {
        return bulk() || updateOrCreateAll();
    }

    /** A call that updates the rows it finds ({@code updateOrCreate} or {@code updateOrCreateAll}). */
    boolean updates() {
        return updateOrCreate() || updateOrCreateAll();
    }

    /** Whether this event starts a call: a single call, or a bulk call's first position (or its failure). */
    boolean startsCall() {
        return pos <= 0;
    }
}
