package io.getorcreate.internal;

import io.getorcreate.SchemaException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, once per database, that the table and its columns exist and that every key is backed by an
 * index that enforces uniqueness with the lookup's own equality, immediately: a key without one would
 * let concurrent callers create duplicates. What it learns about the columns is kept for the value
 * checks.
 */
final class SchemaVerifier {
    private static final Logger LOG = LoggerFactory.getLogger("io.getorcreate.schema");

    private SchemaVerifier() {}

    static VerifiedSchema verify(Connection connection, Dialect dialect, TableSpec<?> spec) throws SQLException {
        SqlWriter writer = spec.writer(dialect);
        Catalog catalog = Catalog.of(dialect);
        String table = dialect.fold(spec.name());
        List<ColumnSpec> columns = spec.columns();
        TableFacts facts = catalog.read(connection, table);
        if (facts == null) {
            List<String> names = new ArrayList<>();
            columns.forEach(c -> names.add(c.name()));
            throw new SchemaException("Table " + spec.name() + " does not exist (looked for " + table + " in "
                    + catalog.searchedIn(connection) + "); create it, or call createTable().",
                    spec.name(), names, writer.createTable());
        }

        List<String> missing = new ArrayList<>();
        StringJoiner fixes = new StringJoiner("; ");
        List<ColumnFacts> columnFacts = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            ColumnFacts column = facts.columns().get(lower(columns.get(c).name()));
            if (column == null) {
                missing.add(columns.get(c).name());
                fixes.add(writer.addColumn(c));
            }
            columnFacts.add(column);
        }
        if (!missing.isEmpty()) {
            throw new SchemaException("Table " + spec.name() + " has no column " + String.join(", ", missing) + ".",
                    spec.name(), missing, fixes.toString());
        }

        List<Set<String>> backing = new ArrayList<>();
        for (KeySpec key : spec.keys()) {
            backing.add(backing(spec, writer, facts, key));
        }
        Map<String, String> constraintsByIndex = new HashMap<>();
        for (UniqueIndex index : facts.uniqueIndexes()) {
            if (index.constraint() != null) {
                constraintsByIndex.put(lower(index.name()), index.constraint());
            }
        }
        // Per key, whether another unique index could be broken by the values a call writes (the id's own
        // is not: no call writes an id over another row's).
        Set<String> idOnly = spec.idIndex() < 0 ? Set.of() : Set.of(lower(columns.get(spec.idIndex()).name()));
        List<Boolean> otherUniqueIndexes = new ArrayList<>();
        for (Set<String> names : backing) {
            boolean other = false;
            for (UniqueIndex index : facts.uniqueIndexes()) {
                other |= !names.contains(lower(index.name())) && !index.columns().equals(idOnly);
            }
            otherUniqueIndexes.add(other);
        }
        LOG.debug("Table {} passed the schema check on {}", spec.name(), dialect);
        return new VerifiedSchema(dialect, backing, columnFacts, constraintsByIndex, facts.statementInsertTriggers(),
                facts.noOpUpdateTriggers(), otherUniqueIndexes);
    }

    // The names of the indexes and constraints that back the key, or a SchemaException saying why none does.
    private static Set<String> backing(TableSpec<?> spec, SqlWriter writer, TableFacts facts, KeySpec key) {
        Set<String> keyColumns = new HashSet<>();
        List<String> keyNames = new ArrayList<>();
        for (int c : key.columns()) {
            keyColumns.add(lower(spec.columns().get(c).name()));
            keyNames.add(spec.columns().get(c).name());
        }
        Set<String> names = new LinkedHashSet<>();
        List<String> refused = new ArrayList<>();
        StringJoiner drops = new StringJoiner("; ", "", "; ").setEmptyValue("");
        Set<String> taken = taken(facts);
        for (UniqueIndex index : facts.uniqueIndexes()) {
            if (!index.columns().equals(keyColumns)) {
                continue;
            }
            if (index.refusal() != null) {
                if (index.inTheWay()) {
                    drops.add(writer.dropConstraint(index.constraint() != null ? index.constraint() : index.name()));
                    taken.remove(lower(index.name()));
                    taken.remove(lower(index.constraint() != null ? index.constraint() : index.name()));
                }
                refused.add((index.constraint() != null ? "constraint " + index.constraint() : "index " + index.name())
                        + " does not back it: " + index.refusal());
                continue;
            }
            names.add(lower(index.name()));
            if (index.constraint() != null) {
                names.add(lower(index.constraint()));
            }
        }
        if (!names.isEmpty()) {
            return Set.copyOf(names);
        }
        String keyText = "(" + String.join(", ", keyNames) + ")";
        String why = refused.isEmpty()
                ? " is not backed by a unique constraint or unique index"
                : " is not backed by a unique constraint or index that enforces the lookup's equality immediately ("
                        + String.join("; ", refused) + ")";
        throw new SchemaException("The lookup key " + keyText + " of table " + spec.name() + why
                + ", so concurrent callers could create duplicate rows.", spec.name(), keyNames,
                drops + writer.addUniqueConstraint(key, taken));
    }

    private static Set<String> taken(TableFacts facts) {
        Set<String> taken = new HashSet<>();
        for (UniqueIndex index : facts.uniqueIndexes()) {
            taken.add(lower(index.name()));
            if (index.constraint() != null) {
                taken.add(lower(index.constraint()));
            }
        }
        return taken;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
