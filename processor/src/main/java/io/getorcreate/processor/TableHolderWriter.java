package io.getorcreate.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import io.getorcreate.internal.ColumnSpec;
import io.getorcreate.internal.ColumnType;
import io.getorcreate.internal.ColumnReaders;
import io.getorcreate.internal.Dialect;
import io.getorcreate.internal.KeySpec;
import io.getorcreate.internal.KeySql;
import io.getorcreate.internal.SqlWriter;
import io.getorcreate.internal.TableSpec;
import io.getorcreate.internal.TableSql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Writes a DAO's private {@code Table} holder: the runtime's description of the table, its row mapper and
 * every dialect's SQL, written here at compile time. It goes last in the DAO, after everything its user
 * calls. Reads the model only.
 */
final class TableHolderWriter {
    /** The nested class's simple name. */
    static final String NAME = "Table";

    private TableHolderWriter() {}


    static TypeSpec write(EntityModel model) {
        ClassName holder = model.dao().nestedClass(NAME);
        TypeSpec.Builder type = TypeSpec.classBuilder(holder)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Table {@code $L} as the runtime sees it: columns, keys, the row mapper and each dialect's\n"
                        + "statements, written at compile time.\n", model.table());
        List<String> dialectFields = new ArrayList<>();
        for (Dialect dialect : Dialect.values()) {
            String field = dialect.name();
            dialectFields.add(field);
            type.addField(FieldSpec.builder(TableSql.class, field, Modifier.STATIC, Modifier.FINAL)
                    .initializer(tableSql(model, dialect))
                    .build());
        }
        type.addField(FieldSpec.builder(ParameterizedTypeName.get(ClassName.get(TableSpec.class), model.record()),
                        "SPEC", Modifier.STATIC, Modifier.FINAL)
                .initializer(tableSpec(model, holder, dialectFields))
                .build());
        type.addMethod(reader(model));
        return type.build();
    }

    /** The arguments of {@code new TableSpec<>(...)}; the dialects' statements in {@link Dialect} order. */
    private static CodeBlock tableSpec(EntityModel model, ClassName holder, List<String> dialectFields) {
        List<CodeBlock> columns = new ArrayList<>();
        for (ColumnModel column : model.columns()) {
            columns.add(columnSpec(column.spec()));
        }
        CodeBlock keys = CodeBlock.of("new $T[] {$L}", KeySpec.class, model.keys().stream()
                .map(key -> CodeBlock.of("$T.of($S, $L)", KeySpec.class, key.name(),
                        key.columns().stream().map(String::valueOf).collect(Collectors.joining(", "))))
                .collect(CodeBlock.joining(", ")));
        return call(CodeBlock.of("new $T<$T>", TableSpec.class, model.record()), List.of(
                CodeBlock.of("$S", model.table()),
                array(ColumnSpec.class, columns),
                CodeBlock.of("$L", model.idIndex()),
                keys,
                CodeBlock.of("$T::read", holder),
                CodeBlock.of("new $T[] {$L}", TableSql.class, String.join(", ", dialectFields))));
    }

    private static CodeBlock columnSpec(ColumnSpec c) {
        CodeBlock.Builder b = CodeBlock.builder().add("new $T($S, $S, $T.$L, $L, $L", ColumnSpec.class, c.component(),
                c.name(), ColumnType.class, c.type().name(), c.notNull(), c.primitive());
        if (c.sized()) {
            b.add(", $L, $L, $L", c.length(), c.precision(), c.scale());
        }
        return b.add(")").build();
    }

    private static CodeBlock tableSql(EntityModel model, Dialect dialect) {
        TableSql sql = new SqlWriter(dialect, model.table(), model.columnSpecs(), model.idIndex(), model.keys())
                .tableSql();
        List<CodeBlock> args = new ArrayList<>();
        args.add(CodeBlock.of("$S", sql.findById()));
        args.add(CodeBlock.of("$S", sql.insert()));
        args.add(CodeBlock.of("$S", sql.insertWithId()));
        args.add(CodeBlock.of("$S", sql.createTable()));
        for (KeySql key : sql.keys()) {
            args.add(call(CodeBlock.of("new $T", KeySql.class), List.of(CodeBlock.of("$S", key.select()),
                    CodeBlock.of("$S", key.lockingSelect()), CodeBlock.of("$S", key.getOrCreate()))));
        }
        return call(CodeBlock.of("new $T", TableSql.class), args);
    }

    private static MethodSpec reader(EntityModel model) {
        List<CodeBlock> args = new ArrayList<>();
        for (int i = 0; i < model.columns().size(); i++) {
            args.add(read(model.columns().get(i), i + 1));
        }
        return MethodSpec.methodBuilder("read")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(model.record())
                .addParameter(ResultSet.class, "rs")
                .addParameter(Dialect.class, "dialect")
                .addException(SQLException.class)
                .addStatement("return $L", call(CodeBlock.of("new $T", model.record()), args))
                .build();
    }

    private static CodeBlock read(ColumnModel column, int index) {
        boolean primitive = column.primitive();
        return switch (column.spec().type()) {
            case STRING -> CodeBlock.of("rs.getString($L)", index);
            case BOOLEAN -> primitive ? CodeBlock.of("rs.getBoolean($L)", index) : columns("getBoolean", index);
            case SHORT -> primitive ? CodeBlock.of("rs.getShort($L)", index) : columns("getShort", index);
            case INT -> primitive ? CodeBlock.of("rs.getInt($L)", index) : columns("getInt", index);
            case LONG -> primitive ? CodeBlock.of("rs.getLong($L)", index) : columns("getLong", index);
            case DOUBLE -> primitive ? CodeBlock.of("rs.getDouble($L)", index) : columns("getDouble", index);
            case FLOAT -> primitive ? CodeBlock.of("rs.getFloat($L)", index) : columns("getFloat", index);
            case BIG_DECIMAL -> CodeBlock.of("rs.getBigDecimal($L)", index);
            case LOCAL_DATE -> columns("getLocalDate", index);
            case LOCAL_DATE_TIME -> CodeBlock.of("$T.getLocalDateTime(rs, $L, dialect)", ColumnReaders.class, index);
            case LOCAL_TIME -> columns("getLocalTime", index);
            case INSTANT -> CodeBlock.of("$T.getInstant(rs, $L, dialect)", ColumnReaders.class, index);
            case OFFSET_DATE_TIME -> CodeBlock.of("$T.getOffsetDateTime(rs, $L, dialect)", ColumnReaders.class, index);
            case UUID -> columns("getUuid", index);
            case BYTES -> CodeBlock.of("rs.getBytes($L)", index);
            case ENUM -> CodeBlock.of("$T.getEnum(rs, $L, $T.class)", ColumnReaders.class, index, column.javaType());
        };
    }

    private static CodeBlock columns(String getter, int index) {
        return CodeBlock.of("$T.$L(rs, $L)", ColumnReaders.class, getter, index);
    }

    // ---- layout ----

    /** {@code callee(} then one argument a line, indented, then {@code )}. */
    private static CodeBlock call(CodeBlock callee, List<CodeBlock> args) {
        return CodeBlock.builder().add("$L(\n", callee).indent()
                .add(CodeBlock.join(args, ",\n"))
                .unindent().add(")")
                .build();
    }

    /** {@code new T[] {} then one element a line, indented, then {@code }}. */
    private static CodeBlock array(Class<?> type, List<CodeBlock> elements) {
        return CodeBlock.builder().add("new $T[] {\n", type).indent()
                .add(CodeBlock.join(elements, ",\n"))
                .unindent().add("}")
                .build();
    }
}
