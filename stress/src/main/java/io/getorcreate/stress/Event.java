package io.getorcreate.stress;

/**
 * One line of a worker's history: what a caller was told.
 *
 * @param op {@code goc} (getOrCreate), {@code find} or {@code create}
 * @param key the key asked for
 * @param id the id told, or -1 when none (not found, or an exception)
 * @param created whether the caller was told it created the row
 * @param error the kind of exception the caller saw ("" when none); see {@link Worker#kind}
 */
record Event(String op, String key, long id, boolean created, String error) {
    static Event parse(String line) {
        String[] f = line.split("\t", -1);
        return new Event(f[0], f[1], Long.parseLong(f[2]), Boolean.parseBoolean(f[3]), f[4]);
    }

    String format() {
        return op + "\t" + key + "\t" + id + "\t" + created + "\t" + error;
    }

    boolean failed() {
        return !error.isEmpty();
    }
}
