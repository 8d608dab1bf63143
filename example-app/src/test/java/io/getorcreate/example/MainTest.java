package io.getorcreate.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Run onError = run("--on-error", "maybe");
        assertThat(onError.exit()).isEqualTo(2);
        assertThat(onError.err()).contains("--on-error takes skip or stop");
        Run missing = run(dir.resolve("missing.csv").toString(), "--db", db());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("Cannot read").contains("missing.csv");
    }
}
