package io.getorcreate.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles 200 generated entity records with and without the processor and prints the ratio of
 * compile times (median of five alternating runs, after a warm-up of each).
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.getorcreate.benchmarks.ProcessorScale}
 */
public final class ProcessorScale {
    private static final int ENTITIES = 200;
    private static final int RUNS = 5;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("getorcreate-scale");
        Path src = dir.resolve("src/scale");
        Files.createDirectories(src);
        List<String> files = new ArrayList<>();
        String[] types = {"String", "long", "Integer", "java.math.BigDecimal", "java.time.Instant", "java.util.UUID",
            "boolean", "java.time.LocalDate"};
        for (int i = 0; i < ENTITIES; i++) {
            StringBuilder s = new StringBuilder("package scale;\nimport io.getorcreate.*;\n@Entity\npublic record Entity")
                    .append(i).append("(@Id Long id, @Lookup String code, @Lookup(\"pair\") long owner, @Lookup(\"pair\") String slot");
            for (int c = 0; c < 6; c++) {
                s.append(", ").append(types[(i + c) % types.length]).append(" field").append(c);
            }
            s.append(") {}\n");
            Path file = src.resolve("Entity" + i + ".java");
            Files.writeString(file, s.toString());
            files.add(file.toString());
        }
        String classpath = System.getProperty("java.class.path");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        // The same DAOs as if written by hand: the generated sources, compiled without the processor.
        Path generated = Files.createTempDirectory(dir, "generated");
        List<String> only = new ArrayList<>(List.of("-d", generated.toString(), "-s", generated.toString(), "-cp",
                classpath, "-proc:only", "-processor", "io.getorcreate.processor.EntityProcessor"));
        only.addAll(files);
        javac.run(null, null, System.err, only.toArray(String[]::new));
        List<String> byHand = new ArrayList<>(files);
        try (var walk = Files.walk(generated)) {
            walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).forEach(byHand::add);
        }
        long[] with = new long[RUNS];
        long[] without = new long[RUNS];
        long[] handWritten = new long[RUNS];
        compile(javac, dir, classpath, files, true);
        compile(javac, dir, classpath, files, false);
        compile(javac, dir, classpath, byHand, false);
        for (int r = 0; r < RUNS; r++) {
            with[r] = compile(javac, dir, classpath, files, true);
            without[r] = compile(javac, dir, classpath, files, false);
            handWritten[r] = compile(javac, dir, classpath, byHand, false);
        }
        long w = median(with);
        long wo = median(without);
        long hw = median(handWritten);
        System.out.printf(Locale.ROOT, "%d entities: %d ms with the processor; %d ms for the records alone without it "
                + "(ratio %.2f); %d ms for the records and the same DAOs written by hand (ratio %.2f)%n", ENTITIES, w, wo,
                w / (double) wo, hw, w / (double) hw);
    }

    private static long median(long[] runs) {
        long[] sorted = runs.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long compile(JavaCompiler javac, Path dir, String classpath, List<String> files, boolean processor)
            throws IOException {
        Path out = Files.createTempDirectory(dir, "out");
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-s", out.toString(), "-cp", classpath,
                "--release", "17"));
        if (processor) {
            args.addAll(List.of("-processor", "io.getorcreate.processor.EntityProcessor"));
        } else {
            args.add("-proc:none");
        }
        args.addAll(files);
        long start = System.nanoTime();
        int status = javac.run(null, new PrintStream(OutputStream.nullOutputStream()), System.err,
                args.toArray(String[]::new));
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (status != 0) {
            throw new IllegalStateException("compilation failed");
        }
        return millis;
    }

    private ProcessorScale() {}
}
