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

    /** A key component whose plural is a callback's name (a jqwik run drew {@code byte[] value}). */
    @ParameterizedTest
    @ValueSource(strings = {"value", "createOnly", "keys", "k", "values", "defaults", "default_"})
    void aKeyComponentNamedLikeAMethodsOtherParametersCompiles(String component) {
        Compilation compilation = javac().withProcessors(new EntityProcessor()).compile(JavaFileObjects.forSourceString(
                "shop.Rec", "package shop; import io.getorcreate.*; @Entity public record Rec(@Lookup String " + component
                        + ", @Lookup(\"pair\") long a, @Lookup(\"pair\") String " + component + "2) {}"));
        assertThat(compilation).succeededWithoutWarnings();
    }
}
