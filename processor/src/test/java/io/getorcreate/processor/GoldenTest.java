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
 * The generated DAO for a few representative records, against golden files in
 * {@code src/test/resources/goldens}. Regenerate them with {@code mvn -pl processor test -Dgoldens.update=true}
 * and read the diff.
 */
class GoldenTest {

    @ParameterizedTest
    @CsvSource({
        "shop.Customer, shop.CustomerDao, "
                + "'@Entity public record Customer(@Id Long id, @Lookup String email, String name, String phone) {}'",
        "shop.Post, shop.PostDao, "
                + "'@Entity public record Post(@Id long id, @Lookup(\"post\") long categoryId, @Lookup(\"post\") String title, "
                + "@NonNull String body) {} "
                + "@java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE_USE) @interface NonNull {}'",
        "shop.Account, shop.AccountDao, "
                + "'@Entity(table = \"accounts\") public record Account(@Id Integer id, @Lookup @Column(length = 320) String email, "
                + "@Lookup(\"handle\") @Column(name = \"nick\") String handle, java.time.Instant since, "
                + "Status status, @Column(length = 4096) byte[] avatar, @Column(precision = 12, scale = 2) "
                + "java.math.BigDecimal balance, java.time.LocalTime opens) { public enum Status { NEW, OLD } }'",
        "shop.Shop, shop.Shop_OrderLineDao, "
                + "'public class Shop { @Entity record OrderLine(@Lookup(\"line\") java.util.UUID defaults, @Lookup(\"line\") int values, "
                + "java.math.BigDecimal store) {} }'",
    })
    void generatesTheGoldenDao(String recordName, String daoName, String body) throws IOException {
        JavaFileObject source = JavaFileObjects.forSourceString(recordName,
                "package shop;\n\nimport io.getorcreate.*;\n\n" + body + "\n");
        Compilation compilation = javac().withProcessors(new EntityProcessor()).compile(source);
        assertThat(compilation).succeededWithoutWarnings();

        String simple = daoName.substring(daoName.lastIndexOf('.') + 1);
        Path golden = Path.of(System.getProperty("goldens.dir", "src/test/resources/goldens"), simple + ".java");
        String generated = compilation.generatedSourceFile(daoName).orElseThrow().getCharContent(true).toString();
        if (Boolean.getBoolean("goldens.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, generated, StandardCharsets.UTF_8);
        }
        assertThat(compilation).generatedSourceFile(daoName)
                .hasSourceEquivalentTo(JavaFileObjects.forSourceString(daoName, Files.readString(golden)));
        org.assertj.core.api.Assertions.assertThat(generated).isEqualTo(Files.readString(golden));
    }
}
