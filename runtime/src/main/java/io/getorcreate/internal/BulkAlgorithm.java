package io.getorcreate.internal;

import java.sql.SQLException;
import java.util.List;

/**
 * One way to get-or-create many keys at once, chosen once per dialect. A call splits its keys into
 * chunks that every supported database accepts and runs rounds over each chunk until every key has its
 * row: a round answers what it can, and a key whose concurrent creator committed after the round's
 * snapshot goes round again.
 */
interface BulkAlgorithm {

    /** The most keys one chunk holds, for a table whose key has {@code keyColumns} and which has {@code columns}. */
    int chunkSize(int keyColumns, int columns);

    /**
     * One round over a chunk's unanswered positions (in input order), answering what it can in {@code batch}.
     * Before each write it asks {@link Call#beforeWrite} whether the write may run alone in autocommit:
     * only a write that, once it succeeds, answers every key the call has left ({@code lastChunk}, the
     * round's last INSERT), so that the call writes nothing after it; one that fails wrote nothing.
     */
    <T, K> void round(Call call, Statements<T> statements, ValueChecker checker, KeyBatch<T, K> batch,
            List<Integer> positions, int round, boolean lastChunk) throws SQLException;

    static BulkAlgorithm of(Dialect dialect) {
        return switch (dialect) {
            case POSTGRES -> PostgresBulk.INSTANCE;
            case H2, MARIADB, MYSQL -> ValuesListBulk.INSTANCE;
        };
    }
}
