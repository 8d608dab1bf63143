package io.getorcreate.example;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.getorcreate.GetOrCreateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jdbi.v3.core.Jdbi;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The example app's command line: import an orders CSV idempotently, or generate a large one. */
@Command(name = "getorcreate-example", mixinStandardHelpOptions = true, version = "getorcreate example 0.1.0",
        sortOptions = false,
        description = {
            "Imports an orders CSV (order_id, customer_email, customer_name, product_sku, product_name, category, "
                    + "tags, quantity) with get-or-create: customers by email, products by SKU, categories and tags "
                    + "by name, orders by order id. Importing the same file twice creates nothing the second time.",
            ""
        })
public final class Main implements Callable<Integer> {
    static final String SAMPLE = "orders-sample.csv";

    enum OnError { SKIP, STOP }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "CSV",
            description = "The orders CSV to import (default: the bundled sample), or to write with --generate.")
    Path csv;

    @Option(names = "--db", paramLabel = "JDBC-URL", defaultValue = "jdbc:h2:file:./data/orders",
            description = "Any H2, PostgreSQL or MariaDB/MySQL JDBC URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--user", description = "Database user, where the URL does not name one.")
    String user;

    @Option(names = "--password", description = "Database password.", interactive = false)
    String password;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Import on N threads; each row is still created once (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--on-error", paramLabel = "skip|stop", defaultValue = "skip",
            description = "On a malformed line or a refused row: report it and import the rest (skip), or stop "
                    + "before importing anything / any further (stop). Default: ${DEFAULT-VALUE}.")
    String onError;

    @Option(names = "--generate", paramLabel = "N",
            description = "Instead of importing, write N random orders to CSV.")
    Integer generate;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed for --generate (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--progress", negatable = true,
            description = "Show a progress bar (default: when stderr is a terminal).")
    Boolean progress;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    static int run(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new Main()).setOut(out).setErr(err).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, was " + threads);
        }
        OnError mode;
        try {
            mode = OnError.valueOf(onError.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--on-error takes skip or stop, not " + onError);
        }
        if (generate != null) {
            return generate(out);
        }

        List<OrderRow> rows = new ArrayList<>();
        List<OrdersCsv.BadLine> bad = new ArrayList<>();
        String source = csv == null ? "the bundled sample" : csv.toString();
        try (Reader in = open()) {
            OrdersCsv.read(in, rows::add, bad::add);
        } catch (IOException | IllegalArgumentException e) {
            err.println("Cannot read " + source + ": " + e.getMessage());
            return 1;
        }
        for (OrdersCsv.BadLine line : bad) {
            err.println("Malformed " + line + (mode == OnError.SKIP ? " (skipped)" : ""));
        }
        if (!bad.isEmpty() && mode == OnError.STOP) {
            err.println("Stopped: " + bad.size() + " malformed line(s); nothing was imported. "
                    + "Fix them, or run with --on-error=skip to import the rest.");
            return 1;
        }

        long start = System.nanoTime();
        Tally tally = Importer.newTally();
        List<Importer.Failure> failures;
        try (HikariDataSource dataSource = dataSource()) {
            Importer importer = new Importer(Jdbi.create(dataSource));
            importer.createTables();
            boolean showProgress = progress != null ? progress : System.console() != null;
            failures = importer.importAll(rows, threads, mode == OnError.STOP, tally,
                    new Progress(System.err, rows.size(), showProgress));
        } catch (GetOrCreateException e) {
            err.println("Import failed: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("Cannot use the database " + url + ": " + rootMessage(e));
            return 1;
        }
        for (Importer.Failure failure : failures) {
            err.println("Refused " + failure);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("Imported %,d orders from %s into %s on %d thread(s) in %.2f s%s%n%n",
                rows.size() - failures.size(), source, url, threads, seconds,
                bad.isEmpty() ? "" : " (" + bad.size() + " malformed line(s) skipped)");
        tally.print(new java.io.PrintStream(new WriterOutputStream(out), true, StandardCharsets.UTF_8));
        out.printf("%nCreated %d rows, found %d.%n", tally.created(), tally.found());
        out.flush();
        return failures.isEmpty() ? 0 : 1;
    }

    private int generate(PrintWriter out) throws IOException {
        if (csv == null) {
            throw new ParameterException(spec.commandLine(), "--generate needs the CSV path to write");
        }
        if (generate < 1) {
            throw new ParameterException(spec.commandLine(), "--generate must be at least 1, was " + generate);
        }
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            OrdersCsv.generate(w, generate, seed);
        }
        out.printf("Wrote %,d orders to %s%n", generate, csv);
        return 0;
    }

    private Reader open() throws IOException {
        if (csv != null) {
            return Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        }
        InputStream sample = Main.class.getResourceAsStream("/" + SAMPLE);
        if (sample == null) {
            throw new IOException("the bundled sample " + SAMPLE + " is missing from the jar");
        }
        return new InputStreamReader(sample, StandardCharsets.UTF_8);
    }

    private HikariDataSource dataSource() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(threads + 1);
        config.setPoolName("getorcreate-example");
        return new HikariDataSource(config);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** Lets the tally print through picocli's writer (so tests can capture it). */
    private static final class WriterOutputStream extends java.io.OutputStream {
        private final PrintWriter writer;

        WriterOutputStream(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            writer.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writer.write(new String(b, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            writer.flush();
        }
    }
}
