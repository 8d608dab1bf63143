package io.getorcreate.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private String db() {
        return "jdbc:h2:file:" + dir.resolve("orders").toAbsolutePath();
    }

    @Test
    void secondImportOfTheSampleCreatesNothing() {
        Run first = run("--db", db());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("Imported 12 orders").contains("Created 51 rows, found 31.");
        Run second = run("--db", db(), "--threads", "4");
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).contains("Created 0 rows, found 82.");
    }

    @Test
    void generatedFileImportsOnManyThreadsAsOnOne() throws IOException {
        Path csv = dir.resolve("big.csv");
        assertThat(run("--generate", "400", csv.toString()).exit()).isZero();
        assertThat(Files.readAllLines(csv)).hasSize(401);
        Run parallel = run("--db", db(), "--threads", "8", csv.toString());
        assertThat(parallel.exit()).as(parallel.err()).isZero();
        Run serial = run("--db", "jdbc:h2:file:" + dir.resolve("serial").toAbsolutePath(), csv.toString());
        String totals = serial.out().substring(serial.out().indexOf("entity"));
        assertThat(parallel.out()).contains(totals);
        assertThat(run("--db", db(), "--threads", "8", csv.toString()).out()).contains("Created 0 rows");
    }

    // f. Batches (--batch-size, default 1000) count and dedupe exactly as the per-row path (--batch-size 1).

    /** The per-table counts and the "Created N rows, found M." line of a run. */
    private static String summary(Run run) {
        assertThat(run.exit()).as(run.err()).isZero();
        return run.out().substring(run.out().indexOf("entity"));
    }

    private String db(String name) {
        return "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath();
    }

    @Test
    void batchesOfTheSampleCountAsRowByRowAndTheSecondImportCreatesNothing() {
        Run batched = run("--db", db("batched"));
        assertThat(batched.out()).contains("1,000 per batch").contains("Created 51 rows, found 31.");
        Run perRow = run("--db", db("per-row"), "--batch-size", "1");
        assertThat(perRow.out()).contains(" 1 per batch");
        assertThat(summary(batched)).isEqualTo(summary(perRow));

        Run again = run("--db", db("batched"), "--threads", "4");
        assertThat(again.out()).contains("Created 0 rows, found 82.");
        assertThat(summary(again)).isEqualTo(summary(run("--db", db("per-row"), "--batch-size", "1")));
    }

    @Test
    void batchesOfAGeneratedFileCountAsRowByRowOnManyThreads() throws IOException {
        Path csv = dir.resolve("big.csv");
        assertThat(run("--generate", "2500", csv.toString()).exit()).isZero();
        String perRow = summary(run("--db", db("per-row"), "--batch-size", "1", "--threads", "4", csv.toString()));
        // 2,500 rows: full batches and a last partial one; 7 leaves batches that share keys across threads.
        for (String size : new String[] {"1000", "7"}) {
            Run batched = run("--db", db("batched-" + size), "--batch-size", size, "--threads", "4", csv.toString());
            assertThat(summary(batched)).as("--batch-size " + size).isEqualTo(perRow);
            Run again = run("--db", db("batched-" + size), "--batch-size", size, "--threads", "4", csv.toString());
            assertThat(again.out()).contains("Imported 2,500 orders").contains("Created 0 rows");
        }
        assertThat(perRow).contains("orders             2500          0");
    }

    // g. --update re-imports changed customer and product names through updateOrCreate(All).

    /** The bundled sample with John Doe and Li Wei renamed, and the product Effective Java. */
    private Path sampleWithChangedNames() throws IOException {
        String sample;
        try (var in = Main.class.getResourceAsStream("/" + Main.SAMPLE)) {
            sample = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String changed = sample.replace(",John Doe,", ",John Q. Doe,").replace(",Li Wei,", ",Wei Li,")
                .replace(",Effective Java,", ",Effective Java (3rd ed.),");
        assertThat(changed).isNotEqualTo(sample).contains("John Q. Doe").contains("Wei Li").contains("(3rd ed.)");
        return Files.writeString(dir.resolve("renamed.csv"), changed);
    }

    private static List<String> names(String url, String table, String key, String value) {
        return org.jdbi.v3.core.Jdbi.create(url).withHandle(h -> h.createQuery(
                "SELECT " + key + " || '=' || name FROM " + table + " WHERE " + key + " = :value")
                .bind("value", value).mapTo(String.class).list());
    }

    @Test
    void updateReimportsChangedNamesAndCountsCreatedUpdatedAndUnchanged() throws IOException {
        Path renamed = sampleWithChangedNames();
        String total = "total                 0          3         79";
        String none = "total                 0          0         82";
        for (String batchSize : new String[] {"1000", "1"}) {
            String url = db("update-" + batchSize);
            Run first = run("--db", url, "--batch-size", batchSize);
            assertThat(first.out()).as(first.err()).contains("Created 51 rows, found 31.");

            Run update = run("--db", url, "--batch-size", batchSize, "--update", renamed.toString());
            assertThat(update.exit()).as(update.err()).isZero();
            assertThat(update.out()).as("--batch-size " + batchSize).contains("Imported 12 orders")
                    .contains("Created 0 rows, updated 3, unchanged 79.")
                    .contains("entity          created    updated  unchanged")
                    .contains("customers             0          2         10")
                    .contains("products              0          1         11")
                    .contains("orders                0          0         12")
                    .contains(total);
            assertThat(names(url, "customer", "email", "johndoe@example.com"))
                    .containsExactly("johndoe@example.com=John Q. Doe");
            assertThat(names(url, "customer", "email", "li@example.com")).containsExactly("li@example.com=Wei Li");
            assertThat(names(url, "customer", "email", "janedoe@example.com"))
                    .containsExactly("janedoe@example.com=Jane Doe");
            assertThat(names(url, "product", "sku", "SKU-BOOK-02"))
                    .containsExactly("SKU-BOOK-02=Effective Java (3rd ed.)");

            Run again = run("--db", url, "--batch-size", batchSize, "--update", renamed.toString());
            assertThat(again.exit()).as(again.err()).isZero();
            assertThat(again.out()).contains("Created 0 rows, updated 0, unchanged 82.").contains(none);

            Run plain = run("--db", url, "--batch-size", batchSize, renamed.toString());
            assertThat(plain.out()).as(plain.err()).contains("Created 0 rows, found 82.")
                    .doesNotContain("updated");
        }
    }

    @Test
    void updateOnAFreshDatabaseCreatesAsAPlainImportDoes() {
        Run update = run("--db", db("fresh"), "--update");
        assertThat(update.exit()).as(update.err()).isZero();
        assertThat(update.out()).contains("Created 51 rows, updated 0, unchanged 31.");
        Run generate = run("--generate", "5", "--update", dir.resolve("x.csv").toString());
        assertThat(generate.exit()).isEqualTo(2);
        assertThat(generate.err()).contains("--update is for importing");
    }

    /** Ten orders whose sixth (line 7) the database refuses: the test adds a CHECK on the quantity. */
    private Path csvWithARowTheDatabaseRefuses(String url) throws IOException {
        Importer importer = new Importer(org.jdbi.v3.core.Jdbi.create(url));
        importer.createTables();
        org.jdbi.v3.core.Jdbi.create(url).useHandle(h -> h.execute(
                "ALTER TABLE ORDERS ADD CONSTRAINT QUANTITY_AT_MOST_100 CHECK (QUANTITY <= 100)"));
        List<String> lines = new ArrayList<>(List.of(String.join(",", OrdersCsv.HEADER)));
        for (int i = 1; i <= 10; i++) {
            lines.add("R-" + i + ",c" + i % 3 + "@example.com,C" + i % 3 + ",SKU-" + i % 4 + ",Thing,Books,"
                    + (i % 2 == 0 ? "x;y" : "y") + "," + (i == 6 ? 500 : i));
        }
        return Files.write(dir.resolve("refused.csv"), lines);
    }

    @Test
    void aRowTheDatabaseRefusesInsideABatchIsReportedAndTheRestImported() throws IOException {
        Path csv = csvWithARowTheDatabaseRefuses(db("batched"));
        csvWithARowTheDatabaseRefuses(db("per-row"));
        Run batched = run("--db", db("batched"), csv.toString());
        assertThat(batched.exit()).isEqualTo(1);
        assertThat(batched.err()).contains("Refused line 7: ").contains("QUANTITY_AT_MOST_100");
        assertThat(batched.err().lines().filter(l -> l.startsWith("Refused"))).hasSize(1);
        assertThat(batched.out()).contains("Imported 9 orders");
        Run perRow = run("--db", db("per-row"), "--batch-size", "1", csv.toString());
        assertThat(perRow.exit()).isEqualTo(1);
        assertThat(perRow.err()).contains("Refused line 7: ");
        String counts = batched.out().substring(batched.out().indexOf("entity"));
        assertThat(counts).isEqualTo(perRow.out().substring(perRow.out().indexOf("entity")))
                .contains("orders                9          0");

        Run again = run("--db", db("batched"), csv.toString());
        assertThat(again.err()).contains("Refused line 7: ");
        assertThat(again.out()).contains("Imported 9 orders").contains("Created 0 rows");
    }

    @Test
    void aRowTheDatabaseRefusesInsideABatchStopsTheImportThereUnderStop() throws IOException {
        Path csv = csvWithARowTheDatabaseRefuses(db());
        Run stop = run("--db", db(), "--on-error=stop", csv.toString());
        assertThat(stop.exit()).isEqualTo(1);
        assertThat(stop.err()).contains("Refused line 7: ");
        assertThat(stop.out()).contains("Imported 5 orders");
    }

    @Test
    void malformedLinesAreNamedAndSkippedOrStopTheImport() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, String.join("\n",
                String.join(",", OrdersCsv.HEADER),
                "B-1,a@example.com,A,SKU-1,Thing,Books,,1",
                "B-2,not-an-email,B,SKU-2,Thing,Books,,1",
                "B-3,c@example.com,C,SKU-3",
                "B-4,d@example.com,D,SKU-4,Thing,Books,,many",
                "B-5,e@example.com,E,SKU-5,Thing,Books,x;y,2") + "\n");
        Run stop = run("--db", db(), "--on-error=stop", csv.toString());
        assertThat(stop.exit()).isEqualTo(1);
        assertThat(stop.err()).contains("line 3: customer_email \"not-an-email\" is not an email address")
                .contains("line 4: expected 8 fields, found 4")
                .contains("line 5: quantity \"many\" is not a whole number")
                .contains("nothing was imported");
        assertThat(stop.out()).doesNotContain("Imported");

        Run skip = run("--db", db(), csv.toString());
        assertThat(skip.exit()).as(skip.err()).isZero();
        assertThat(skip.err()).contains("line 3:").contains("(skipped)");
        assertThat(skip.out()).contains("Imported 2 orders").contains("3 malformed line(s) skipped");
    }

    @Test
    void badOptionsGetAUsageMessage() {
        Run unknown = run("--frobnicate");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option: '--frobnicate'").contains("Usage:");
        Run threads = run("--threads", "0");
        assertThat(threads.exit()).isEqualTo(2);
        assertThat(threads.err()).contains("--threads must be at least 1");
        Run batchSize = run("--batch-size", "0");
        assertThat(batchSize.exit()).isEqualTo(2);
        assertThat(batchSize.err()).contains("--batch-size must be at least 1");
        Run onError = run("--on-error", "maybe");
        assertThat(onError.exit()).isEqualTo(2);
        assertThat(onError.err()).contains("--on-error takes skip or stop");
        Run missing = run(dir.resolve("missing.csv").toString(), "--db", db());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("Cannot read").contains("missing.csv");
    }

    // a. A password in --db is never printed, on success or on error.

    @Test
    void aPasswordInTheH2UrlIsRedactedOnSuccessAndOnAWrongPassword() {
        String url = db() + ";PASSWORD=Right-Pw-1";
        Run ok = run("--db", url);
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("Created 51 rows").contains(";PASSWORD=***").doesNotContain("Right-Pw-1");
        assertThat(ok.err()).doesNotContain("Right-Pw-1");

        Run wrong = run("--db", db() + ";PASSWORD=Wrong-Pw-2");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).contains("Cannot use the database").contains(";PASSWORD=***");
        assertThat(wrong.out() + wrong.err()).doesNotContain("Wrong-Pw-2");
    }

    @Test
    void aPasswordInAUrlThatCannotBeUsedIsRedacted() {
        Run run = run("--db", "jdbc:nosuchdb://alice:Secret-In-Userinfo@db.example.com:5432/shop"
                + "?user=alice&password=Secret-In-Query&ssl=true");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("Cannot use the database jdbc:nosuchdb://alice:***@db.example.com:5432/shop"
                + "?user=alice&password=***&ssl=true");
        assertThat(run.out() + run.err()).doesNotContain("Secret-In");
    }

    @Test
    void aUrlGivenAsTheCsvOrAsAStrayArgumentIsRedactedToo() {
        Run asCsv = run("--db", db(), "jdbc:postgresql://db/shop?password=Stray-Secret-1");
        assertThat(asCsv.exit()).isEqualTo(1);
        assertThat(asCsv.err()).startsWith("Cannot read jdbc:postgresql:").contains("/shop?password=***");
        Run userInfo = run("--db", db(), "jdbc:mariadb://alice:Stray-Secret-2@db/shop");
        assertThat(userInfo.exit()).isEqualTo(1);
        assertThat(userInfo.err()).startsWith("Cannot read jdbc:mariadb:").contains("alice:***@db/shop");
        Run stray = run("--db", db(), "a.csv", "jdbc:postgresql://db/shop?password=Stray-Secret-3");
        assertThat(stray.exit()).isEqualTo(2);
        assertThat(stray.err()).contains("Unmatched argument").contains("password=***");
        assertThat(asCsv.err() + userInfo.err() + stray.err()).doesNotContain("Stray-Secret");
    }

    // b. --generate says in one line why it cannot write, and never overwrites without --force.

    @Test
    void generateToAnUnwritablePathPrintsOneLineAndFails() throws IOException {
        Run noFolder = run("--generate", "5", dir.resolve("no-such-folder").resolve("out.csv").toString());
        assertThat(noFolder.exit()).isEqualTo(1);
        assertThat(noFolder.err().lines()).singleElement().asString()
                .contains("Cannot write").contains("no-such-folder").contains("does not exist");

        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        Run underAFile = run("--generate", "5", file.resolve("out.csv").toString());
        assertThat(underAFile.exit()).isEqualTo(1);
        assertThat(underAFile.err().lines()).singleElement().asString()
                .contains("Cannot write").contains("plain.txt is not a directory");

        Run aFolder = run("--generate", "5", "--force", dir.toString());
        assertThat(aFolder.exit()).isEqualTo(1);
        assertThat(aFolder.err().lines()).singleElement().asString().contains("is a directory");
        assertThat(dir).isDirectory();
        assertThat(noFolder.err() + underAFile.err() + aFolder.err())
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void generateRefusesToOverwriteAFileWithoutForce() throws IOException {
        Path csv = Files.writeString(dir.resolve("precious.csv"), "keep me\n");
        Run refused = run("--generate", "5", csv.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("already exists").contains("--force");
        assertThat(refused.out()).doesNotContain("Wrote");
        assertThat(Files.readString(csv)).isEqualTo("keep me\n");

        Run forced = run("--generate", "5", "--force", csv.toString());
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("Wrote 5 orders");
        assertThat(Files.readAllLines(csv)).hasSize(6).first().isEqualTo(String.join(",", OrdersCsv.HEADER));
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers).as("no temporary file left behind").containsExactly(csv);
        }
    }

    // c. A file that cannot be read is explained in plain words.

    @Test
    void aMissingFileOrADirectoryIsSaidSo() {
        Run missing = run("--db", db(), dir.resolve("nope.csv").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err().lines()).singleElement().asString()
                .isEqualTo("Cannot read " + dir.resolve("nope.csv") + ": the file does not exist");
        Run folder = run("--db", db(), dir.toString());
        assertThat(folder.exit()).isEqualTo(1);
        assertThat(folder.err().lines()).singleElement().asString()
                .isEqualTo("Cannot read " + dir + ": it is a directory, not a file");
    }

    @Test
    void aLineThatIsNotUtf8IsSaidSoAndTheRestImported() throws IOException {
        Path csv = dir.resolve("latin1.csv");
        Files.write(csv, (String.join(",", OrdersCsv.HEADER) + "\nL-1,a@example.com,Ann,S-1,P,Books,,1"
                + "\nL-2,j@example.com,Jos\u00e9,S-2,P,Books,,1\nL-3,c@example.com,Cy,S-3,P,Books,,1\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Run run = run("--db", db(), csv.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("line 3: not UTF-8 text").contains("(skipped)");
        assertThat(run.out()).contains("Imported 2 orders");
    }

    // d. An unterminated quote costs its own line only.

    private Path csvWithAnUnterminatedQuote() throws IOException {
        return Files.writeString(dir.resolve("quote.csv"), String.join("\n",
                String.join(",", OrdersCsv.HEADER),
                "Q-1,a@example.com,\"Doe, Ann\",SKU-1,Thing,Books,,1",
                "Q-2,b@example.com,\"Bob,SKU-2,Thing,Books,,1",
                "Q-3,c@example.com,Cy,SKU-3,\"A \"\"quoted\"\" thing\",Books,,1",
                "Q-4,d@example.com,Di,SKU-4,Thing,Books,x;y,2") + "\n");
    }

    @Test
    void anUnterminatedQuoteIsReportedAndTheRestImported() throws IOException {
        Run skip = run("--db", db(), csvWithAnUnterminatedQuote().toString());
        assertThat(skip.exit()).as(skip.err()).isZero();
        assertThat(skip.err()).contains("line 3: a quoted value is not closed").contains("(skipped)");
        assertThat(skip.out()).contains("Imported 3 orders").contains("1 malformed line(s) skipped");
    }

    @Test
    void anUnterminatedQuoteStopsCleanlyUnderStop() throws IOException {
        Run stop = run("--db", db(), "--on-error=stop", csvWithAnUnterminatedQuote().toString());
        assertThat(stop.exit()).isEqualTo(1);
        assertThat(stop.err()).contains("line 3: a quoted value is not closed").contains("nothing was imported")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(stop.out()).doesNotContain("Imported");
    }

    // e. The progress bar shows a rate and the time remaining; it is quiet unless asked for or on a terminal.

    @Test
    void theProgressBarShowsARateAndTheTimeRemaining() {
        Run shown = run("--db", db(), "--progress");
        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(shown.err()).contains("\r[").contains("12/12 orders").contains(" orders/s")
                .contains("ETA ");
        Run quiet = run("--db", db());
        assertThat(quiet.err()).as("not a terminal, so no progress bar").isEmpty();
    }
}
