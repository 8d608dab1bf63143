package io.getorcreate.example;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.getorcreate.GetOrCreateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
                    + "by name, orders by order id. Importing the same file twice creates nothing the second time. "
                    + "With --update, customers and products are updated to the file's names instead of only found.",
            ""
        })
public final class Main implements Callable<Integer> {
    static final String SAMPLE = "orders-sample.csv";

    enum OnError { SKIP, STOP }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "CSV",
            description = "The orders CSV to import (default: the bundled sample), or to write with --generate. "
                    + "One order per line: a quoted value cannot span lines.")
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

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1000",
            description = "Import N orders at a time, with one get-or-create call per table for all of them; "
                    + "1 imports order by order (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--on-error", paramLabel = "skip|stop", defaultValue = "skip",
            description = "On a malformed line or a refused row: report it and import the rest (skip), or stop "
                    + "before importing anything / any further (stop). Default: ${DEFAULT-VALUE}.")
    String onError;

    @Option(names = "--update",
            description = "Update-or-create customers (name) and products (name, category) from the file, so a "
                    + "re-import applies changed names; rows already holding the file's values are not written. "
                    + "Categories, tags, orders and order tags are still only got or created.")
    boolean update;

    @Option(names = "--generate", paramLabel = "N",
            description = "Instead of importing, write N random orders to CSV.")
    Integer generate;

    @Option(names = "--force", description = "With --generate: replace the CSV file if it exists.")
    boolean force;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed for --generate (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--progress", negatable = true,
            description = "Show a progress bar with the rate and the time remaining (default: on a terminal).")
    Boolean progress;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        return commandLine().execute(args);
    }

    static int run(PrintWriter out, PrintWriter err, String... args) {
        return commandLine().setOut(out).setErr(err).execute(args);
    }

    /**
     * The app's command line: what it prints of a bad command line or of an unexpected failure is one
     * message with every password hidden, never a stack trace.
     */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine cl = e.getCommandLine();
            PrintWriter err = cl.getErr();
            err.println(Redaction.ofArgs(args).apply(e.getMessage()));
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
                cl.usage(err);
            }
            return cl.getCommandSpec().exitCodeOnInvalidInput();
        });
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            Main main = cl.getCommand();
            String message = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
            cl.getErr().println("Failed: " + main.redact(message));
            return cl.getCommandSpec().exitCodeOnExecutionException();
        });
        return commandLine;
    }

    /** {@code text} with the passwords of --db, --password and the CSV argument hidden. */
    String redact(String text) {
        return new Redaction(password, url, csv == null ? null : csv.toString()).apply(text);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, was " + threads);
        }
        if (batchSize < 1) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be at least 1, was " + batchSize);
        }
        OnError mode;
        try {
            mode = OnError.valueOf(onError.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--on-error takes skip or stop, not " + onError);
        }
        if (generate != null && update) {
            throw new ParameterException(spec.commandLine(),
                    "--update is for importing; it does not go with --generate");
        }
        if (generate != null) {
            return generate(out, err);
        }

        String source = redact(csv == null ? "the bundled sample" : csv.toString());
        String cannotRead = csv == null ? null : Problems.beforeReading(csv);
        if (cannotRead != null) {
            err.println("Cannot read " + source + ": " + cannotRead);
            return 1;
        }
        // A first pass checks every line and counts the rows, so that --on-error=stop can refuse a file
        // before anything is imported, and the progress bar knows its total; the import reads it again.
        long[] rows = {0};
        long[] bad = {0};
        try (Reader in = open()) {
            OrdersCsv.read(in, row -> rows[0]++, line -> {
                bad[0]++;
                err.println("Malformed " + redact(line.toString()) + (mode == OnError.SKIP ? " (skipped)" : ""));
            });
        } catch (IOException e) {
            err.println("Cannot read " + source + ": " + redact(Problems.reading(e)));
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("Cannot read " + source + ": " + redact(e.getMessage()));
            return 1;
        }
        if (bad[0] > 0 && mode == OnError.STOP) {
            err.println("Stopped: " + bad[0] + " malformed line(s); nothing was imported. "
                    + "Fix them, or run with --on-error=skip to import the rest.");
            return 1;
        }

        long start = System.nanoTime();
        Tally tally = Importer.newTally();
        Batches.Result result;
        try (HikariDataSource dataSource = dataSource()) {
            Importer importer = new Importer(Jdbi.create(dataSource), update);
            importer.createTables();
            boolean showProgress = progress != null ? progress : Progress.onATerminal();
            result = new Batches(importer, batchSize, threads, mode == OnError.STOP).importAll(
                    rowsSink -> {
                        try (Reader in = open()) {
                            OrdersCsv.read(in, rowsSink, line -> {});
                        }
                    },
                    tally, new Progress(err, rows[0], showProgress));
        } catch (IOException e) {
            err.println("Cannot read " + source + ": " + redact(Problems.reading(e)));
            return 1;
        } catch (GetOrCreateException e) {
            err.println("Import failed: " + redact(e.getMessage()));
            return 1;
        } catch (RuntimeException e) {
            err.println("Cannot use the database " + redact(url) + ": " + redact(rootMessage(e)));
            return 1;
        }
        for (Importer.Failure failure : result.failures()) {
            err.println("Refused " + redact(failure.toString()));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("Imported %,d orders from %s into %s on %d thread(s), %,d per batch, in %.2f s%s%n%n",
                result.imported(), source, redact(url), threads, batchSize, seconds,
                bad[0] == 0 ? "" : " (" + bad[0] + " malformed line(s) skipped)");
        java.io.PrintStream table = new java.io.PrintStream(new WriterOutputStream(out), true, StandardCharsets.UTF_8);
        if (update) {
            tally.printWithUpdates(table);
            out.printf("%nCreated %d rows, updated %d, unchanged %d.%n", tally.created(), tally.updated(),
                    tally.found());
        } else {
            tally.print(table);
            out.printf("%nCreated %d rows, found %d.%n", tally.created(), tally.found());
        }
        out.flush();
        return result.failures().isEmpty() ? 0 : 1;
    }

    /**
     * Writes the generated orders to a temporary file beside the CSV, then moves it into place: a failure
     * leaves no half-written file, and an existing file is replaced only with --force.
     */
    private int generate(PrintWriter out, PrintWriter err) {
        if (csv == null) {
            throw new ParameterException(spec.commandLine(), "--generate needs the CSV path to write");
        }
        if (generate < 1) {
            throw new ParameterException(spec.commandLine(), "--generate must be at least 1, was " + generate);
        }
        String shown = redact(csv.toString());
        String cannotWrite = Problems.beforeWriting(csv);
        if (cannotWrite != null) {
            err.println("Cannot write " + shown + ": " + cannotWrite);
            return 1;
        }
        String exists = "Not writing " + shown + ": the file already exists (use --force to replace it)";
        if (Files.exists(csv, LinkOption.NOFOLLOW_LINKS) && !force) {
            err.println(exists);
            return 1;
        }
        Path target = csv.toAbsolutePath();
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid()
                + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                OrdersCsv.generate(w, generate, seed);
            }
            if (force) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temporary, target);
            }
        } catch (FileAlreadyExistsException e) {
            err.println(exists); // it appeared while the orders were being written
            return 1;
        } catch (IOException e) {
            err.println("Cannot write " + shown + ": " + redact(Problems.writing(e)));
            return 1;
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                err.println("Could not remove the temporary file " + redact(temporary.toString()) + ": "
                        + redact(Problems.writing(e)));
            }
        }
        out.printf("Wrote %,d orders to %s%n", generate, shown);
        return 0;
    }

    private Reader open() throws IOException {
        if (csv != null) {
            return OrdersCsv.open(Files.newInputStream(csv));
        }
        InputStream sample = Main.class.getResourceAsStream("/" + SAMPLE);
        if (sample == null) {
            throw new IOException("the bundled sample " + SAMPLE + " is missing from the jar");
        }
        return OrdersCsv.open(sample);
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
