package io.getorcreate.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Names and SQL must not depend on the default locale: under Turkish, "i".toUpperCase() is "İ". */
class LocaleTest {
    @Test
    void turkishDefaultLocaleChangesNothing() throws IOException {
        Locale saved = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            Compilation compilation = javac().withProcessors(new EntityProcessor()).compile(
                    JavaFileObjects.forSourceString("shop.Invoice", "package shop; import io.getorcreate.*; "
                            + "@Entity public record Invoice(@Id Long id, @Lookup String title, String itemId) {}"));
            assertThat(compilation).succeeded();
            String dao = compilation.generatedSourceFile("shop.InvoiceDao").orElseThrow().getCharContent(true).toString();
            org.assertj.core.api.Assertions.assertThat(dao)
                    .contains("\\\"INVOICE\\\"", "\\\"TITLE\\\"", "\\\"ITEM_ID\\\"", "\\\"item_id\\\"", "getOrCreateByTitle")
                    .doesNotContain("İ", "ı");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void snakeCase() {
        org.assertj.core.api.Assertions.assertThat(Names.snakeCase("OrderLine")).isEqualTo("order_line");
        org.assertj.core.api.Assertions.assertThat(Names.snakeCase("categoryId")).isEqualTo("category_id");
        org.assertj.core.api.Assertions.assertThat(Names.snakeCase("URLPath")).isEqualTo("url_path");
        org.assertj.core.api.Assertions.assertThat(Names.snakeCase("line2Item")).isEqualTo("line2_item");
    }
}
