package io.getorcreate.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jdbi.v3.core.Jdbi;

/**
 * Random records: valid ones (any supported types, names that are SQL reserved words, one to three
 * keys of one to four components, bare or named) compile and round-trip exactly on H2 (nanoseconds,
 * any BigDecimal); invalid ones fail with a compile error, never with an exception from the processor.
 */
class GeneratedRecordsTest {
    /** SQL reserved words that are legal Java identifiers. */
    static final List<String> RESERVED = List.of("order", "user", "group", "select", "from", "where", "table", "key",
            "value", "values", "date", "time", "index", "limit", "offset", "check", "primary", "references", "desc",
            "asc", "end", "column", "row", "all", "any", "year", "month", "day", "like", "in", "as", "by", "to", "on",
            "or", "and", "not", "set", "update", "delete", "insert", "join", "left", "right", "union", "distinct",
            "having", "exists", "between", "unique", "constraint", "current_date", "window", "over", "level");

    static final List<String> TYPES = List.of("String", "boolean", "Boolean", "short", "Short", "int", "Integer",
            "long", "Long", "double", "Double", "float", "Float", "java.math.BigDecimal", "java.time.LocalDate",
            "java.time.LocalDateTime", "java.time.LocalTime", "java.time.Instant", "java.time.OffsetDateTime",
            "java.util.UUID", "byte[]", "Color");
    /** Floating-point lookup components are a compile error. */
    static final List<String> KEY_TYPES = TYPES.stream()
            .filter(t -> !List.of("double", "Double", "float", "Float").contains(t)).toList();

    record Spec(String table, List<String> names, List<String> types, String idType, List<Integer> keyOf, long seed) {
        String source() {
            StringBuilder s = new StringBuilder("package gen;\nimport io.getorcreate.*;\n");
            s.append("@Entity(table = \"").append(table).append("\")\npublic record Rec(");
            List<String> parts = new ArrayList<>();
            if (idType != null) {
                parts.add("@Id " + idType + " id");
            }
            for (int i = 0; i < names.size(); i++) {
                int key = keyOf.get(i);
                // A one-component key is bare in half the records: a bare @Lookup is a key of its own.
                boolean bare = key >= 0 && (seed & 1) == 0 && keyOf.stream().filter(k -> k == key).count() == 1;
                String lookup = key < 0 ? "" : bare ? "@Lookup " : "@Lookup(\"k" + key + "\") ";
                parts.add(lookup + types.get(i) + " " + names.get(i));
            }
            s.append(String.join(",\n    ", parts)).append(") {\n  public enum Color { RED, GREEN, BLUE }\n}\n");
            return s.toString();
        }
    }

    @Provide
    Arbitrary<Spec> validRecords() {
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of(RESERVED),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8).map(n -> "f" + n)
                        // not "for", "final", "float", nor a name records forbid ("finalize")
                        .filter(n -> javax.lang.model.SourceVersion.isName(n) && !n.equals("finalize")));
        Arbitrary<List<String>> names = name.list().ofMinSize(1).ofMaxSize(8).uniqueElements(n -> Names.snakeCase(n))
                .filter(list -> list.stream().noneMatch(n -> Names.snakeCase(n).equals("id")));
        Arbitrary<String> table = Arbitraries.oneOf(Arbitraries.of(RESERVED),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10));
        Arbitrary<String> idType = Arbitraries.of("long", "Long", "int", "Integer").injectNull(0.2);
        return Combinators.combine(table, names, idType, Arbitraries.longs()).as((t, n, id, seed) -> {
            Random random = new Random(seed);
            List<String> types = new ArrayList<>();
            List<Integer> keyOf = new ArrayList<>();
            int keys = 1 + random.nextInt(Math.min(3, n.size()));
            int[] sizes = new int[keys];
            for (int i = 0; i < n.size(); i++) {
                int k = i < keys ? i : random.nextInt(keys + 2) - 2; // every key gets one; the rest may join
                if (k >= 0 && sizes[k] >= 4) {
                    k = -1;
                }
                if (k >= 0) {
                    sizes[k]++;
                }
                keyOf.add(k);
                List<String> allowed = k >= 0 ? KEY_TYPES : TYPES;
                types.add(allowed.get(random.nextInt(allowed.size())));
            }
            return new Spec(t, n, types, id, keyOf, seed);
        });
    }

    @Property(tries = 40)
    void validRecordsCompileAndRoundTripOnH2(@ForAll("validRecords") Spec spec) throws Exception {
        Compilation compilation = javac().withProcessors(new EntityProcessor())
                .compile(JavaFileObjects.forSourceString("gen.Rec", spec.source()));
        assertThat(compilation.status()).as(spec.source() + compilation.diagnostics())
                .isEqualTo(Compilation.Status.SUCCESS);

        ClassLoader loader = new InMemoryLoader(compilation.generatedFiles());
        Class<?> rec = loader.loadClass("gen.Rec");
        Class<?> daoType = loader.loadClass("gen.RecDao");
        Jdbi jdbi = Jdbi.create("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Object dao = daoType.getConstructor(Jdbi.class).newInstance(jdbi);
        daoType.getMethod("createTable").invoke(dao);

        Random random = new Random(spec.seed());
        RecordComponent[] components = rec.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = components[i].getName().equals("id") && spec.idType() != null
                    ? zero(components[i].getType()) : value(components[i].getType(), random, isKey(spec, i));
        }
        Object record = rec.getDeclaredConstructors()[0].newInstance(values);
        Object stored = daoType.getMethod("create", rec).invoke(dao, record);
        assertSameValues(rec, record, stored, spec);

        Random freshValues = new Random(~spec.seed()); // one sequence, so fresh values do not repeat the stored ones
        for (Map.Entry<String, List<Integer>> key : keys(spec).entrySet()) {
            Class<?>[] parameterTypes = key.getValue().stream().map(c -> components[c].getType()).toArray(Class<?>[]::new);
            Object[] args = key.getValue().stream().map(c -> values[c]).toArray();
            String suffix = key.getValue().stream().map(c -> Names.capitalize(components[c].getName()))
                    .reduce((a, b) -> a + "And" + b).orElseThrow();
            Object outcome = daoType.getMethod("getOrCreateBy" + suffix, parameterTypes).invoke(dao, args);
            assertThat((boolean) outcome.getClass().getMethod("created").invoke(outcome)).isFalse();
            assertSameValues(rec, stored, outcome.getClass().getMethod("entity").invoke(outcome), spec);
            Optional<?> found = (Optional<?>) daoType.getMethod("findBy" + suffix, parameterTypes).invoke(dao, args);
            assertThat(found).isPresent();

            // A fresh key, with defaults left unset, is created and read back as stored.
            Object[] fresh = args.clone();
            for (int i = 0; i < fresh.length; i++) {
                fresh[i] = value(parameterTypes[i], freshValues, true);
            }
            if (!Arrays.deepEquals(fresh, args)) {
                Class<?>[] withDefaults = Arrays.copyOf(parameterTypes, parameterTypes.length + 1);
                withDefaults[parameterTypes.length] = Consumer.class;
                Object[] freshArgs = Arrays.copyOf(fresh, fresh.length + 1);
                // The other keys' components are NOT NULL without a default: the defaults must give them.
                List<Integer> others = new ArrayList<>();
                keys(spec).forEach((name, cols) -> {
                    if (!name.equals(key.getKey())) {
                        others.addAll(cols);
                    }
                });
                Consumer<Object> otherKeys = d -> {
                    for (int c : others) {
                        try {
                            d.getClass().getMethod(components[c].getName(), components[c].getType())
                                    .invoke(d, value(components[c].getType(), freshValues, true));
                        } catch (ReflectiveOperationException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                };
                freshArgs[fresh.length] = otherKeys;
                // Small domains (a boolean, an enum) repeat: the fresh key may exist already, or the other
                // keys' values may collide with a stored row, which is a UNIQUE violation on another key.
                try {
                    Object outcome2 = daoType.getMethod("getOrCreateBy" + suffix, withDefaults).invoke(dao, freshArgs);
                    Object entity = outcome2.getClass().getMethod("entity").invoke(outcome2);
                    for (int i = 0; i < fresh.length; i++) {
                        Object got = components[key.getValue().get(i)].getAccessor().invoke(entity);
                        assertThat(got instanceof byte[] b ? Arrays.equals(b, (byte[]) fresh[i])
                                : got instanceof BigDecimal d ? d.compareTo((BigDecimal) fresh[i]) == 0
                                : got instanceof OffsetDateTime o ? o.toInstant().equals(((OffsetDateTime) fresh[i]).toInstant())
                                : got.equals(fresh[i])).as(spec.source()).isTrue();
                    }
                } catch (java.lang.reflect.InvocationTargetException e) {
                    assertThat(e.getCause()).as(spec.source()).isInstanceOfSatisfying(
                            io.getorcreate.IntegrityViolationException.class, v -> assertThat(v.kind())
                                    .isEqualTo(io.getorcreate.IntegrityViolationException.Kind.UNIQUE));
                }
            }
        }
    }

    static boolean isKey(Spec spec, int component) {
        int index = spec.idType() == null ? component : component - 1;
        return index >= 0 && spec.keyOf().get(index) >= 0;
    }

    /** Key name to component indexes (in the record, id included), in declaration order. */
    static Map<String, List<Integer>> keys(Spec spec) {
        Map<String, List<Integer>> keys = new LinkedHashMap<>();
        int offset = spec.idType() == null ? 0 : 1;
        for (int i = 0; i < spec.names().size(); i++) {
            if (spec.keyOf().get(i) >= 0) {
                keys.computeIfAbsent("k" + spec.keyOf().get(i), k -> new ArrayList<>()).add(i + offset);
            }
        }
        return keys;
    }

    static Object zero(Class<?> type) {
        return type == int.class ? (Object) 0 : type == long.class ? (Object) 0L : null;
    }

    /** A value that createTable()'s types on H2 hold exactly: nanoseconds, any BigDecimal. */
    static Object value(Class<?> type, Random r, boolean notNull) {
        if (!type.isPrimitive() && !notNull && r.nextInt(5) == 0) {
            return null;
        }
        if (type == String.class) {
            return "s'\"; -- " + r.nextInt(1_000_000) + " \u00e9\uD83D\uDE00";
        }
        if (type == boolean.class || type == Boolean.class) {
            return r.nextBoolean();
        }
        if (type == short.class || type == Short.class) {
            return (short) r.nextInt();
        }
        if (type == int.class || type == Integer.class) {
            return r.nextInt();
        }
        if (type == long.class || type == Long.class) {
            return r.nextLong();
        }
        if (type == double.class || type == Double.class) {
            return r.nextDouble() * 1e6 - 5e5;
        }
        if (type == float.class || type == Float.class) {
            return r.nextFloat() * 1000;
        }
        if (type == BigDecimal.class) {
            BigDecimal d = new BigDecimal(new java.math.BigInteger(1 + r.nextInt(120), r), r.nextInt(30));
            return r.nextBoolean() ? d : d.negate();
        }
        if (type == LocalDate.class) {
            return LocalDate.ofEpochDay(r.nextInt(3_000_000) - 700_000);
        }
        if (type == LocalDateTime.class) {
            return LocalDateTime.of(1900 + r.nextInt(300), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24),
                    r.nextInt(60), r.nextInt(60), r.nextInt(1_000_000_000));
        }
        if (type == LocalTime.class) {
            return LocalTime.ofNanoOfDay(r.nextLong(86_400_000_000_000L));
        }
        if (type == Instant.class) {
            return Instant.ofEpochSecond(r.nextInt(), r.nextInt(1_000_000_000));
        }
        if (type == OffsetDateTime.class) {
            return OffsetDateTime.of(LocalDateTime.of(1970 + r.nextInt(100), 1 + r.nextInt(12), 1 + r.nextInt(28),
                    r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1_000_000_000)),
                    ZoneOffset.ofHoursMinutes(r.nextInt(25) - 12, 0));
        }
        if (type == UUID.class) {
            return new UUID(r.nextLong(), r.nextLong());
        }
        if (type == byte[].class) {
            byte[] b = new byte[1 + r.nextInt(16)];
            r.nextBytes(b);
            return b;
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[r.nextInt(constants.length)];
        }
        throw new IllegalArgumentException(type.toString());
    }

    static void assertSameValues(Class<?> rec, Object expected, Object actual, Spec spec) throws Exception {
        for (RecordComponent c : rec.getRecordComponents()) {
            Method accessor = c.getAccessor();
            Object e = accessor.invoke(expected);
            Object a = accessor.invoke(actual);
            if (c.getName().equals("id") && spec.idType() != null) {
                assertThat(a).isNotNull();
                continue;
            }
            String what = c.getName() + " in\n" + spec.source();
            if (e instanceof BigDecimal d) {
                assertThat((BigDecimal) a).as(what).isEqualByComparingTo(d);
            } else if (e instanceof byte[] b) {
                assertThat((byte[]) a).as(what).isEqualTo(b);
            } else if (e instanceof OffsetDateTime o) {
                assertThat(((OffsetDateTime) a).toInstant()).as(what).isEqualTo(o.toInstant());
            } else {
                assertThat(a).as(what).isEqualTo(e);
            }
        }
    }

    // ---- invalid records ----

    @Provide
    Arbitrary<String> invalidRecords() {
        Arbitrary<String> badType = Arbitraries.of("java.util.Date", "Object", "char", "java.util.List<String>", "int[]",
                "Character", "java.time.ZonedDateTime", "Thread");
        Arbitrary<String> badName = Arbitraries.of("my table", "1abc", "a-b", "x".repeat(70), "na\u00efve", "semi;colon");
        return Arbitraries.oneOf(
                badType.map(t -> "@Entity public record Rec(@Lookup String email, " + t + " other) {}"),
                badType.map(t -> "@Entity public record Rec(@Lookup " + t + " email) {}"),
                Arbitraries.just("@Entity public record Rec(@Id Long id, String email) {}"),
                Arbitraries.just("@Entity public record Rec(@Id Long id, @Id Long other, @Lookup String email) {}"),
                Arbitraries.of("String", "double", "java.util.UUID")
                        .map(t -> "@Entity public record Rec(@Id " + t + " id, @Lookup String email) {}"),
                badName.map(n -> "@Entity(table = \"" + n + "\") public record Rec(@Lookup String email) {}"),
                badName.map(n -> "@Entity public record Rec(@Lookup @Column(name = \"" + n + "\") String email) {}"),
                Arbitraries.of("double", "Double", "float", "Float")
                        .map(t -> "@Entity public record Rec(@Lookup(\"k\") String email, @Lookup(\"k\") " + t + " x) {}"),
                Arbitraries.of("length = 0", "length = -7", "precision = 5", "scale = 1")
                        .map(a -> "@Entity public record Rec(@Lookup @Column(" + a + ") String email) {}"),
                Arbitraries.of("length = 5", "precision = 0", "precision = 3, scale = 4", "scale = 2", "scale = -3")
                        .map(a -> "@Entity public record Rec(@Lookup String email, @Column(" + a
                                + ") java.math.BigDecimal x) {}"),
                Arbitraries.of("email", "EMAIL", "Email")
                        .map(n -> "@Entity public record Rec(@Lookup String email, @Column(name = \"" + n + "\") String x) {}"),
                Arbitraries.just("@Entity public class Rec {}"),
                Arbitraries.just("@Entity public interface Rec {}"),
                Arbitraries.just("@Entity public enum Rec { A }"),
                Arbitraries.just("public class Rec { @Entity private record Inner(@Lookup String email) {} }"),
                Arbitraries.just("@Entity public record Rec<T>(@Lookup String email, T value) {}"));
    }

    @Property(tries = 60)
    void invalidRecordsFailWithACompileErrorAndNoException(@ForAll("invalidRecords") String body) {
        JavaFileObject source = JavaFileObjects.forSourceString("gen.Rec", "package gen;\nimport io.getorcreate.*;\n" + body);
        Compilation compilation = javac().withProcessors(new EntityProcessor()).compile(source);
        assertThat(compilation.status()).as(body).isEqualTo(Compilation.Status.FAILURE);
        assertThat(compilation.errors()).as(body).isNotEmpty();
        for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
            String message = d.getMessage(Locale.ROOT);
            assertThat(message).as(body).doesNotContain("threw", "Exception", "\tat ");
        }
    }

    /** Loads the classes a compilation wrote, in memory. */
    static final class InMemoryLoader extends ClassLoader {
        private final Map<String, JavaFileObject> classes = new HashMap<>();

        InMemoryLoader(List<JavaFileObject> files) {
            super(GeneratedRecordsTest.class.getClassLoader());
            for (JavaFileObject f : files) {
                if (f.getKind() == JavaFileObject.Kind.CLASS) {
                    String name = f.getName().replaceFirst("^/CLASS_OUTPUT/", "").replace(".class", "").replace('/', '.');
                    classes.put(name, f);
                }
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            JavaFileObject f = classes.get(name);
            if (f == null) {
                throw new ClassNotFoundException(name);
            }
            try (InputStream in = f.openInputStream()) {
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }

}
