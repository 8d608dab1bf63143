package io.getorcreate.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.getorcreate.IntegrityViolationException;
import java.lang.reflect.InvocationTargetException;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Which components form which key: a bare {@code @Lookup} is a key of its own, a shared name makes
 * one composite key in declaration order, a name on one component is a one-component key.
 */
class LookupKeysTest {
    private static final String MEMBER = "package shop; import io.getorcreate.*; @Entity public record Member("
            + "@Id Long id, @Lookup String email, @Lookup String username, @Lookup(\"seat\") long tenant, "
            + "String note, @Lookup(\"seat\") String seat, @Lookup(\"code\") String code) {}";

    private static Compilation compileMember() {
        Compilation compilation = javac().withProcessors(new EntityProcessor())
                .compile(JavaFileObjects.forSourceString("shop.Member", MEMBER));
        assertThat(compilation).succeededWithoutWarnings();
        return compilation;
    }

    @Test
    void bareLookupsAreSeparateKeysAndSharedNamesOneCompositeKey() throws Exception {
        String dao = compileMember().generatedSourceFile("shop.MemberDao").orElseThrow().getCharContent(true).toString();
        org.assertj.core.api.Assertions.assertThat(dao)
                .contains("getOrCreateByEmail(String email)", "getOrCreateByUsername(String username)",
                        "getOrCreateByTenantAndSeat(long tenant, String seat)", "getOrCreateByCode(String code)",
                        "CONSTRAINT \\\"MEMBER_EMAIL_KEY\\\" UNIQUE (\\\"EMAIL\\\")",
                        "CONSTRAINT \\\"MEMBER_USERNAME_KEY\\\" UNIQUE (\\\"USERNAME\\\")",
                        "CONSTRAINT \\\"MEMBER_TENANT_SEAT_KEY\\\" UNIQUE (\\\"TENANT\\\", \\\"SEAT\\\")",
                        "CONSTRAINT \\\"MEMBER_CODE_KEY\\\" UNIQUE (\\\"CODE\\\")")
                .doesNotContain("getOrCreateByEmailAndUsername");
    }

    @Test
    void twoMembersCannotShareAnEmailUnderDifferentUsernames() throws Exception {
        ClassLoader loader = new GeneratedRecordsTest.InMemoryLoader(compileMember().generatedFiles());
        Class<?> member = loader.loadClass("shop.Member");
        Class<?> daoType = loader.loadClass("shop.MemberDao");
        Object dao = daoType.getConstructor(Jdbi.class)
                .newInstance(Jdbi.create("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        daoType.getMethod("createTable").invoke(dao);
        var constructor = member.getDeclaredConstructors()[0];
        daoType.getMethod("create", member).invoke(dao, constructor.newInstance(null, "a@example.com", "ann", 1L,
                null, "s1", "c1"));

        assertThatThrownBy(() -> daoType.getMethod("create", member).invoke(dao,
                constructor.newInstance(null, "a@example.com", "bob", 1L, null, "s2", "c2")))
                .isInstanceOf(InvocationTargetException.class)
                .cause().isInstanceOfSatisfying(IntegrityViolationException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.kind()).isEqualTo(IntegrityViolationException.Kind.UNIQUE));
    }
}
