package io.getorcreate.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the runtime knows about one entity, built once by the generated DAO's static
 * initialiser: columns, id, keys, the generated row mapper and the SQL the processor wrote for each
 * dialect.
 *
 * @param <T> the entity record
 */
public final class TableSpec<T> {
    private final String name;
    private final List<ColumnSpec> columns;
    private final int idIndex;
    private final List<KeySpec> keys;
    private final RowReader<T> reader;
    private final List<TableSql> sql;
    private final String[] h2ColumnNames;
    private final ColumnSet allColumns;
    private final List<Integer> idColumns;
    private final ColumnSet keyColumns;
    private final boolean readingMayFail;
    /** Statements that depend on which columns a call sets, written once per set. */
    private final Map<Shape, String> statements = new ConcurrentHashMap<>();

    /**
     * @param sql the statements per dialect, indexed by {@link Dialect#ordinal()}
     */
    public TableSpec(String name, ColumnSpec[] columns, int idIndex, KeySpec[] keys, RowReader<T> reader,
            TableSql[] sql) {
        // Arrays, not lists: generated code then needs no generic inference, which is most of javac's time.
        this.name = Objects.requireNonNull(name, "name");
        this.columns = List.of(columns);
        this.idIndex = idIndex;
        this.keys = List.of(keys);
        this.reader = Objects.requireNonNull(reader, "reader");
        this.sql = List.of(sql);
        this.h2ColumnNames = this.columns.stream().map(c -> Dialect.H2.fold(c.name())).toArray(String[]::new);
        this.allColumns = ColumnSet.all(this.columns.size());
        this.idColumns = idIndex < 0 ? List.of() : List.of(idIndex);
        this.readingMayFail = this.columns.stream().anyMatch(c -> c.type() == ColumnType.ENUM);
        ColumnSet inKeys = ColumnSet.EMPTY;
        for (KeySpec key : this.keys) {
            inKeys = inKeys.union(key.set());
        }
        this.keyColumns = inKeys;
        if (this.sql.size() != Dialect.values().length) {
            throw new IllegalStateException("The DAO for table " + name + " was generated for another version of "
                    + "getorcreate-runtime: recompile it with the matching getorcreate-processor");
        }
    }

    public String name() {
        return name;
    }

    /** Whether reading a row may fail on what the row holds: an enum column's name with no constant. */
    boolean readingMayFail() {
        return readingMayFail;
    }

    public List<ColumnSpec> columns() {
        return columns;
    }

    public int idIndex() {
        return idIndex;
    }

    public List<KeySpec> keys() {
        return keys;
    }

    /**
     * Every column, as H2 stores it, to ask for as generated keys: the row as stored, in one round trip.
     * The array is shared; callers hand it to the driver and never change it.
     */
    String[] h2ColumnNames() {
        return h2ColumnNames;
    }

    /** The id column, as the one-element column list that findById binds. */
    List<Integer> idColumns() {
        return idColumns;
    }

    /** Whether the column is part of any lookup key, and so must hold its values exactly. */
    boolean isKeyColumn(int column) {
        return keyColumns.contains(column);
    }

    /** Every column. */
    ColumnSet allColumns() {
        return allColumns;
    }

    RowReader<T> reader() {
        return reader;
    }

    TableSql sql(Dialect dialect) {
        return sql.get(dialect.ordinal());
    }

    SqlWriter writer(Dialect dialect) {
        return new SqlWriter(dialect, name, columns, idIndex, keys);
    }

    /** The get-or-create statement for a key and a set of given columns; built once per set. */
    String getOrCreateSql(Dialect dialect, int key, ColumnSet given) {
        KeySpec spec = keys.get(key);
        if (given.equals(spec.set())) {
            return sql(dialect).keys().get(key).getOrCreate();
        }
        return statements.computeIfAbsent(new Shape(Shape.Kind.GET_OR_CREATE, dialect, key, given, ColumnSet.EMPTY),
                k -> writer(dialect).getOrCreate(spec, given));
    }

    /** PostgreSQL's one-statement update-or-create (see {@link SqlWriter#updateOrCreate}). */
    String updateOrCreateSql(Dialect dialect, int key, ColumnSet set, ColumnSet inserted) {
        return statements.computeIfAbsent(new Shape(Shape.Kind.UPSERT, dialect, key, set, inserted),
                k -> writer(dialect).updateOrCreate(keys.get(key), set, inserted));
    }

    /** The read, locking or not, that compares the set columns (see {@link SqlWriter#readComparing}). */
    String readComparingSql(Dialect dialect, int key, ColumnSet set, boolean locking) {
        return statements.computeIfAbsent(new Shape(locking ? Shape.Kind.LOCKING_READ : Shape.Kind.READ, dialect, key, set,
                ColumnSet.EMPTY), k -> writer(dialect).readComparing(keys.get(key), set, locking));
    }

    /** MariaDB's UPDATE of the distinct set columns (see {@link SqlWriter#updateIfDistinct}). */
    String updateIfDistinctSql(Dialect dialect, int key, ColumnSet set) {
        return statements.computeIfAbsent(new Shape(Shape.Kind.UPDATE_IF_DISTINCT, dialect, key, set, ColumnSet.EMPTY),
                k -> writer(dialect).updateIfDistinct(keys.get(key), set));
    }

    /** MariaDB's insert-or-lock-and-update (see {@link SqlWriter#upsert}). */
    String upsertSql(Dialect dialect, int key, ColumnSet set, ColumnSet inserted) {
        return statements.computeIfAbsent(new Shape(Shape.Kind.ON_DUPLICATE_KEY, dialect, key, set, inserted),
                k -> writer(dialect).upsert(keys.get(key), set, inserted));
    }

    /** The UPDATE of the changed columns by key (see {@link SqlWriter#updateByKey}). */
    String updateByKeySql(Dialect dialect, int key, ColumnSet set) {
        return statements.computeIfAbsent(new Shape(Shape.Kind.UPDATE, dialect, key, set, ColumnSet.EMPTY),
                k -> writer(dialect).updateByKey(keys.get(key), set));
    }

    /** Update-or-create's INSERT (see {@link SqlWriter#insertUnlessConflict}). */
    String insertUnlessConflictSql(Dialect dialect, int key, ColumnSet inserted) {
        return statements.computeIfAbsent(new Shape(Shape.Kind.INSERT_UNLESS_CONFLICT, dialect, key, ColumnSet.EMPTY,
                inserted), k -> writer(dialect).insertUnlessConflict(keys.get(key), inserted));
    }

    /** The read after it (see {@link SqlWriter#upsertReadBack}). */
    String upsertReadBackSql(Dialect dialect, int key) {
        return statements.computeIfAbsent(new Shape(Shape.Kind.ON_DUPLICATE_KEY_READ, dialect, key, ColumnSet.EMPTY,
                ColumnSet.EMPTY), k -> writer(dialect).upsertReadBack(keys.get(key)));
    }

    /** What one of those statements depends on. */
    private record Shape(Kind kind, Dialect dialect, int key, ColumnSet set, ColumnSet inserted) {
        enum Kind { GET_OR_CREATE, UPSERT, LOCKING_READ, READ, UPDATE, UPDATE_IF_DISTINCT, ON_DUPLICATE_KEY, ON_DUPLICATE_KEY_READ, INSERT_UNLESS_CONFLICT }
    }
}
