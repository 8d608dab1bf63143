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
        assertOneError(src, Messages.NOT_A_RECORD, "@Entity");
    }

    @Test
    void noLookup() {
        JavaFileObject src = source("Customer", "@Entity", "public record Customer(@Id Long id, String email) {}");
        assertOneError(src, Messages.NO_LOOKUP, "record Customer");
    }

    @Test
    void moreThanOneId() {
        JavaFileObject src = source("Customer",
                "@Entity",
                "public record Customer(",
                "    @Id Long id,",
                "    @Id Long other,",
                "    @Lookup String email) {}");
        assertOneError(src, Messages.MORE_THAN_ONE_ID, "@Id Long other");
    }

    @Test
    void idOfUnsupportedType() {
        JavaFileObject src = source("Customer",
                "@Entity",
                "public record Customer(",
                "    @Id String id,",
                "    @Lookup String email) {}");
        assertOneError(src, Messages.ID_TYPE, "@Id String id");
    }

    @Test
    void idAsLookup() {
        JavaFileObject src = source("Customer",
                "@Entity",
                "public record Customer(",
                "    @Id @Lookup Long id,",
                "    String email) {}");
        assertOneError(src, Messages.ID_IS_LOOKUP, "@Id @Lookup Long id");
    }

    @Test
    void unsupportedComponentType() {
        JavaFileObject src = source("Customer",
                "@Entity",
                "public record Customer(",
                "    @Lookup String email,",
                "    java.util.Date created) {}");
        assertOneError(src, "Unsupported component type java.util.Date", "java.util.Date created");
    }

    @Test
    void privateRecord() {
        JavaFileObject src = source("Outer",
                "public class Outer {",
                "    @Entity",
                "    private record Customer(@Lookup String email) {}",
                "}");
        assertOneError(src, Messages.PRIVATE_RECORD, "private record Customer");
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
        assertOneError(src, Messages.PRIVATE_RECORD, "record Customer");
    }

    @Test
    void genericRecord() {
        JavaFileObject src = source("Box", "@Entity", "public record Box<T>(@Lookup String name, T value) {}");
        Compilation compilation = compile(src);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(Messages.GENERIC_RECORD).inFile(src).onLineContaining("record Box");
    }

    @Test
    void twoColumnsWithTheSameName() {
        JavaFileObject src = source("Customer",
                "@Entity",
                "public record Customer(",
                "    @Lookup String email,",
                "    @Column(name = \"EMAIL\") String other) {}");
        assertOneError(src, "Column name \"EMAIL\" is already used by component email", "String other");
    }

    @Test
    void twoComponentsWhoseSnakeCaseClashes() {
        JavaFileObject src = source("Customer",
                "@Entity",
                "public record Customer(",
                "    @Lookup String fooBar,",
                "    String foo_bar) {}");
        assertOneError(src, "Column name \"foo_bar\" is already used by component fooBar", "String foo_bar");
    }

    @Test
    void invalidTableName() {
        JavaFileObject src = source("Customer",
                "@Entity(table = \"my table\")",
                "public record Customer(@Lookup String email) {}");
        assertOneError(src, Messages.invalidTableName("my table"), "my table");
    }

    @Test
    void invalidColumnName() {
        JavaFileObject src = source("Customer",
                "@Entity",
                "public record Customer(",
                "    @Lookup @Column(name = \"1st-email\") String email) {}");
        assertOneError(src, Messages.invalidColumnName("1st-email"), "1st-email");
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
        assertThat(compilation).hadErrorContaining(Messages.invalidTableName("bad name")).inFile(bad)
                .onLineContaining("bad name");
        assertThat(compilation).hadErrorContaining(Messages.MORE_THAN_ONE_ID).inFile(bad)
                .onLineContaining("@Id Long second");
        assertThat(compilation).hadErrorContaining("Unsupported component type java.lang.Object").inFile(bad)
                .onLineContaining("Object anything");
        assertThat(compilation).hadErrorContaining(Messages.NO_LOOKUP).inFile(bad).onLineContaining("record Bad");
        assertThat(compilation).hadErrorCount(4);
        org.assertj.core.api.Assertions.assertThat(compilation.diagnostics())
                .noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR && d.getMessage(null).contains("Exception"));
    }
}
