package io.getorcreate.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One failing compilation per compile-time error in the contract, each on its element's line. */
class ErrorsTest {

    private static JavaFileObject source(String name, String... lines) {
        return JavaFileObjects.forSourceLines("shop." + name, prepend(lines));
    }

    private static String[] prepend(String[] lines) {
        String[] all = new String[lines.length + 2];
        all[0] = "package shop;";
        all[1] = "import io.getorcreate.*;";
        System.arraycopy(lines, 0, all, 2, lines.length);
        return all;
    }

    private static Compilation compile(JavaFileObject... sources) {
        return javac().withProcessors(new EntityProcessor()).compile(sources);
    }

    private static void assertOneError(JavaFileObject src, String message, String line) {
        Compilation compilation = compile(src);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining(message).inFile(src).onLineContaining(line);
    }

    @Test
    void entityOnAClass() {
        JavaFileObject src = source("Customer", "@Entity", "public class Customer {}");
        assertOneError(src, Message.NOT_A_RECORD.format(), "@Entity");
    }

    @Test
    void noLookup() {
        JavaFileObject src = source("Customer", "@Entity", "public record Customer(@Id Long id, String email) {}");
        assertOneError(src, Message.NO_LOOKUP.format(), "record Customer");
    }

    @Test
    void moreThanOneId() {
        JavaFileObject src = source("Customer",
                "@Entity",
                "public record Customer(",
                "    @Id Long id,",
                "    @Id Long other,",
                "    @Lookup String email) {}");
        assertOneError(src, Message.MORE_THAN_ONE_ID.format("other", "id"), "@Id Long other");
    }

    @Test
    void idOfUnsupportedType() {
        JavaFileObject src = source("Customer",
                "@Entity",
                "public record Customer(",
                "    @Id String id,",
                "    @Lookup String email) {}");
        assertOneError(src, Message.ID_TYPE.format("id", "java.lang.String"), "@Id String id");
    }

    @Test
    void idAsLookup() {
        JavaFileObject src = source("Customer",
                "@Entity",
                "public record Customer(",
                "    @Id @Lookup Long id,",
                "    String email) {}");
        assertOneError(src, Message.ID_IS_LOOKUP.format("id"), "@Id @Lookup Long id");
    }

    @Test
    void unsupportedComponentType() {
        JavaFileObject src = source("Customer",
                "@Entity",
                "public record Customer(",
                "    @Lookup String email,",
                "    java.util.Date created) {}");
        assertOneError(src, Message.UNSUPPORTED_TYPE.format("created", "java.util.Date"), "java.util.Date created");
    }

    @Test
    void privateRecord() {
        JavaFileObject src = source("Outer",
                "public class Outer {",
                "    @Entity",
                "    private record Customer(@Lookup String email) {}",
                "}");
        assertOneError(src, Message.PRIVATE_RECORD.format(), "private record Customer");
    }

    @Test
    void recordInsideAPrivateClass() {
        JavaFileObject src = source("Outer",
                "public class Outer {",
                "    private static class Inner {",
                "        @Entity",
                "        record Customer(@Lookup String email) {}",
                "    }",
                "}");
        assertOneError(src, Message.PRIVATE_RECORD.format(), "record Customer");
    }

    @Test
    void genericRecord() {
        JavaFileObject src = source("Box", "@Entity", "public record Box<T>(@Lookup String name, T value) {}");
        Compilation compilation = compile(src);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(Message.GENERIC_RECORD.format()).inFile(src).onLineContaining("record Box");
    }

    @Test
    void twoColumnsWithTheSameName() {
        JavaFileObject src = source("Customer",
                "@Entity",
                "public record Customer(",
                "    @Lookup String email,",
                "    @Column(name = \"EMAIL\") String other) {}");
        assertOneError(src, Message.DUPLICATE_COLUMN.format("other", "EMAIL", "email"), "String other");
    }

    @Test
    void twoComponentsWhoseSnakeCaseClashes() {
        JavaFileObject src = source("Customer",
                "@Entity",
                "public record Customer(",
                "    @Lookup String fooBar,",
                "    String foo_bar) {}");
        assertOneError(src, Message.DUPLICATE_COLUMN.format("foo_bar", "foo_bar", "fooBar"), "String foo_bar");
    }

    @Test
    void invalidTableName() {
        JavaFileObject src = source("Customer",
                "@Entity(table = \"my table\")",
                "public record Customer(@Lookup String email) {}");
        assertOneError(src, Message.INVALID_TABLE_NAME.format("my table"), "my table");
    }

    @Test
    void invalidColumnName() {
        JavaFileObject src = source("Customer",
                "@Entity",
                "public record Customer(",
                "    @Lookup @Column(name = \"1st-email\") String email) {}");
        assertOneError(src, Message.INVALID_COLUMN_NAME.format("email", "1st-email"), "1st-email");
    }

    @Test
    void unsupportedTypeNamesTheComponentEvenOnOneLine() {
        JavaFileObject src = source("Post", "@Entity public record Post(@Lookup String title, java.util.List<String> tags) {}");
        Compilation compilation = compile(src);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("Component `tags` has unsupported type java.util.List<java.lang.String>: ")
                .inFile(src).onLineContaining("record Post");
    }

    @Test
    void doubleLookup() {
        JavaFileObject src = source("Reading",
                "@Entity",
                "public record Reading(",
                "    @Lookup double celsius,",
                "    String place) {}");
        assertOneError(src, Message.INEXACT_LOOKUP.format("celsius", "double"), "@Lookup double celsius");
    }

    @Test
    void boxedFloatInANamedLookup() {
        JavaFileObject src = source("Reading",
                "@Entity",
                "public record Reading(",
                "    @Lookup(\"at\") String place,",
                "    @Lookup(\"at\") Float height) {}");
        assertOneError(src, Message.INEXACT_LOOKUP.format("height", "java.lang.Float"), "Float height");
    }

    @Test
    void lengthOnANumber() {
        JavaFileObject src = source("Item",
                "@Entity",
                "public record Item(",
                "    @Lookup String sku,",
                "    @Column(",
                "        length = 10)",
                "    int count) {}");
        assertOneError(src, Message.ATTRIBUTE_DOES_NOT_FIT.format("count", "int", "length", "String and byte[]"), "length = 10");
    }

    @Test
    void precisionOnAString() {
        JavaFileObject src = source("Item",
                "@Entity",
                "public record Item(",
                "    @Lookup String sku,",
                "    @Column(",
                "        precision = 10)",
                "    String name) {}");
        assertOneError(src, Message.ATTRIBUTE_DOES_NOT_FIT.format("name", "java.lang.String", "precision", "BigDecimal"),
                "precision = 10");
    }

    @Test
    void scaleOnALong() {
        JavaFileObject src = source("Item",
                "@Entity",
                "public record Item(",
                "    @Lookup String sku,",
                "    @Column(",
                "        scale = 2)",
                "    Long cents) {}");
        assertOneError(src, Message.ATTRIBUTE_DOES_NOT_FIT.format("cents", "java.lang.Long", "scale", "BigDecimal"), "scale = 2");
    }

    @Test
    void zeroLength() {
        JavaFileObject src = source("Item",
                "@Entity",
                "public record Item(",
                "    @Lookup @Column(",
                "        length = 0)",
                "    String sku) {}");
        assertOneError(src, Message.INVALID_LENGTH.format("sku", 0), "length = 0");
    }

    @Test
    void zeroPrecision() {
        JavaFileObject src = source("Item",
                "@Entity",
                "public record Item(",
                "    @Lookup String sku,",
                "    @Column(",
                "        precision = 0)",
                "    java.math.BigDecimal price) {}");
        assertOneError(src, Message.INVALID_PRECISION.format("price", 0), "precision = 0");
    }

    @Test
    void negativeScale() {
        JavaFileObject src = source("Item",
                "@Entity",
                "public record Item(",
                "    @Lookup String sku,",
                "    @Column(precision = 10,",
                "        scale = -2)",
                "    java.math.BigDecimal price) {}");
        assertOneError(src, Message.INVALID_SCALE.format("price", -2), "scale = -2");
    }

    @Test
    void scaleAbovePrecision() {
        JavaFileObject src = source("Item",
                "@Entity",
                "public record Item(",
                "    @Lookup String sku,",
                "    @Column(precision = 4,",
                "        scale = 6)",
                "    java.math.BigDecimal price) {}");
        assertOneError(src, Message.SCALE_ABOVE_PRECISION.format("price", 6, 4), "scale = 6");
    }

    @Test
    void scaleWithoutPrecision() {
        JavaFileObject src = source("Item",
                "@Entity",
                "public record Item(",
                "    @Lookup String sku,",
                "    @Column(",
                "        scale = 2)",
                "    java.math.BigDecimal price) {}");
        assertOneError(src, Message.SCALE_WITHOUT_PRECISION.format("price"), "scale = 2");
    }

    @Test
    void everyErrorIsReportedInOneCompilation() {
        JavaFileObject bad = source("Bad",
                "@Entity(table = \"bad name\")",
                "public record Bad(",
                "    @Id Long id,",
                "    @Id Long second,",
                "    Object anything) {}");
        JavaFileObject good = source("Good", "@Entity", "public record Good(@Lookup String name) {}");
        Compilation compilation = compile(bad, good);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(Message.INVALID_TABLE_NAME.format("bad name")).inFile(bad)
                .onLineContaining("bad name");
        assertThat(compilation).hadErrorContaining(Message.MORE_THAN_ONE_ID.format("second", "id")).inFile(bad)
                .onLineContaining("@Id Long second");
        assertThat(compilation).hadErrorContaining(Message.UNSUPPORTED_TYPE.format("anything", "java.lang.Object")).inFile(bad)
                .onLineContaining("Object anything");
        assertThat(compilation).hadErrorContaining(Message.NO_LOOKUP.format()).inFile(bad).onLineContaining("record Bad");
        assertThat(compilation).hadErrorCount(4);
        org.assertj.core.api.Assertions.assertThat(compilation.diagnostics())
                .noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR && d.getMessage(null).contains("Exception"));
    }
}
