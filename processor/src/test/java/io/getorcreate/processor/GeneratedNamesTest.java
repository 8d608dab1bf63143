package io.getorcreate.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The DAO's own names (its nested Table and Defaults, its key constants) never clash with the user's. */
class GeneratedNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"Table", "Defaults", "EntityStore", "Objects"})
    void aRecordNamedLikeOneOfTheDaosNamesCompiles(String name) {
        Compilation compilation = javac().withProcessors(new EntityProcessor()).compile(JavaFileObjects.forSourceString(
                "shop." + name, "package shop; import io.getorcreate.*; @Entity public record " + name
                        + "(@Id Long id, @Lookup String emailKey, @Lookup(\"k\") String store, @Lookup(\"k\") int jdbi) {}"));
        assertThat(compilation).succeededWithoutWarnings();
    }
}
