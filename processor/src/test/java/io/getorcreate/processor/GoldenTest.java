package io.getorcreate.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The generated DAO for a few representative records: each input in {@code goldens/good}, its DAO in
 * {@code goldens/expected} (under {@code src/test/resources}). Regenerate the expected files with
 * {@code mvn -pl processor -am verify -Dgoldens.update=true} and read the diff.
 */
class GoldenTest {
    private static final Path GOLDENS = Path.of(System.getProperty("goldens.dir", "src/test/resources/goldens"));

    @ParameterizedTest
    @CsvSource({
        "Customer, CustomerDao",
        "Post, PostDao",
        "Account, AccountDao",
        "Shop, Shop_OrderLineDao",
    })
    void generatesTheGoldenDao(String input, String dao) throws IOException {
        JavaFileObject source = JavaFileObjects.forSourceString("shop." + input,
                Files.readString(GOLDENS.resolve("good").resolve(input + ".java")));
        Compilation compilation = javac().withProcessors(new EntityProcessor()).compile(source);
        assertThat(compilation).succeededWithoutWarnings();

        Path expected = GOLDENS.resolve("expected").resolve(dao + ".java");
        String generated = compilation.generatedSourceFile("shop." + dao).orElseThrow().getCharContent(true).toString();
        if (Boolean.getBoolean("goldens.update")) {
            Files.writeString(expected, generated, StandardCharsets.UTF_8);
        }
        assertThat(compilation).generatedSourceFile("shop." + dao)
                .hasSourceEquivalentTo(JavaFileObjects.forSourceString("shop." + dao, Files.readString(expected)));
        org.assertj.core.api.Assertions.assertThat(generated).isEqualTo(Files.readString(expected));
    }
}
