package io.getorcreate.example;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** Reads and writes the orders CSV: a header line, then one order per line. */
final class OrdersCsv {
    static final String[] HEADER = {
        "order_id", "customer_email", "customer_name", "product_sku", "product_name", "category", "tags", "quantity"
    };

    private static final int ORDER_ID = 0;
    private static final int EMAIL = 1;
    private static final int NAME = 2;
    private static final int SKU = 3;
    private static final int PRODUCT = 4;
    private static final int CATEGORY = 5;
    private static final int TAGS = 6;
    private static final int QUANTITY = 7;

    /** What {@link #open} reads in place of bytes that are not UTF-8. */
    static final char NOT_UTF8 = '\uFFFD';

    /** One line's format: the file's header and blank lines are dealt with line by line, before it. */
    private static final CSVFormat LINE = CSVFormat.DEFAULT.builder().setTrim(true).get();

    private OrdersCsv() {}

    /** A line that cannot be imported, and why. */
    record BadLine(long line, String problem) {
        @Override
        public String toString() {
            return "line " + line + ": " + problem;
        }
    }

    /**
     * Parses every line, handing each valid one to {@code rows} and each malformed one to {@code bad}; a
     * malformed line never stops the others from being read.
     *
     * <p>Each physical line is parsed on its own, so a value cannot span lines: an unterminated quote costs
     * its own line only. (Parsed as a whole, commons-csv would read on to the next quote, or to the end of
     * the file, as one value, and lose every line in between.) Bytes that are not UTF-8 make their line
     * malformed too.
     *
     * @throws IllegalArgumentException if the first line is not the header
     */
    static void read(Reader in, Consumer<OrderRow> rows, Consumer<BadLine> bad) throws IOException {
        BufferedReader lines = new BufferedReader(in);
        String header = lines.readLine();
        if (header == null) {
            throw new IllegalArgumentException("the file is empty; its first line must be the header "
                    + String.join(",", HEADER));
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1); // the byte order mark some editors put first
        }
        List<String> names;
        try {
            names = fields(header);
        } catch (IOException | UncheckedIOException e) {
            names = List.of(header);
        }
        if (!names.equals(Arrays.asList(HEADER))) {
            throw new IllegalArgumentException("the first line must be the header " + String.join(",", HEADER)
                    + " but is " + header);
        }
        long line = 1;
        for (String text = lines.readLine(); text != null; text = lines.readLine()) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            if (text.indexOf(NOT_UTF8) >= 0) {
                bad.accept(new BadLine(line, "not UTF-8 text (save the file as UTF-8)"));
                continue;
            }
            List<String> record;
            try {
                record = fields(text);
            } catch (IOException | UncheckedIOException e) {
                bad.accept(new BadLine(line, quotingProblem(e)));
                continue;
            }
            String problem = problem(record);
            if (problem != null) {
                bad.accept(new BadLine(line, problem));
                continue;
            }
            List<String> tags = new ArrayList<>();
            for (String tag : record.get(TAGS).split(";")) {
                if (!tag.isBlank()) {
                    tags.add(tag.trim());
                }
            }
            rows.accept(new OrderRow(line, record.get(ORDER_ID), record.get(EMAIL), record.get(NAME),
                    record.get(SKU), record.get(PRODUCT), record.get(CATEGORY), tags,
                    Integer.parseInt(record.get(QUANTITY))));
        }
    }

    /** A reader of {@code file} that turns bytes which are not UTF-8 into {@link #NOT_UTF8}, for its line to report. */
    static Reader open(InputStream file) {
        return new InputStreamReader(file, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    /**
     * The fields of one line, trimmed. A line without a quote is split at its commas, as commons-csv would
     * split it: a parser per line costs more than the import of a batch (a buffer of its own each time).
     */
    private static List<String> fields(String line) throws IOException {
        if (line.indexOf('"') < 0) {
            String[] values = line.split(",", -1);
            for (int i = 0; i < values.length; i++) {
                values[i] = values[i].trim();
            }
            return Arrays.asList(values);
        }
        try (CSVParser parser = CSVParser.parse(line, LINE)) {
            List<CSVRecord> records = parser.getRecords();
            return records.isEmpty() ? List.of() : records.get(0).toList();
        }
    }

    /** commons-csv's complaint about a line's quoting, in the words of someone who wrote the CSV. */
    private static String quotingProblem(Exception e) {
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String message = String.valueOf(cause.getMessage());
        if (message.contains("EOF reached before encapsulated token finished")) {
            return "a quoted value is not closed (a value cannot span lines; is a \" missing or stray?)";
        }
        if (message.contains("Invalid character between encapsulated token and delimiter")) {
            return "text after the closing quote of a value (write a \" inside a quoted value as \"\")";
        }
        return "malformed quoting: " + message;
    }

    private static String problem(List<String> record) {
        if (record.size() != HEADER.length) {
            return "expected " + HEADER.length + " fields, found " + record.size();
        }
        for (int required : new int[] {ORDER_ID, EMAIL, SKU, CATEGORY}) {
            if (record.get(required).isEmpty()) {
                return HEADER[required] + " is empty";
            }
        }
        if (!record.get(EMAIL).contains("@")) {
            return "customer_email \"" + record.get(EMAIL) + "\" is not an email address";
        }
        try {
            int quantity = Integer.parseInt(record.get(QUANTITY));
            if (quantity <= 0) {
                return "quantity must be positive, is " + quantity;
            }
        } catch (NumberFormatException e) {
            return "quantity \"" + record.get(QUANTITY) + "\" is not a whole number";
        }
        return null;
    }

    /** Writes {@code orders} random orders over a realistic spread of repeated customers, products and tags. */
    static void generate(Writer out, int orders, long seed) throws IOException {
        Random random = new Random(seed);
        String[] categories = {"Books", "Music", "Garden", "Kitchen", "Toys", "Sports", "Tools", "Office"};
        String[] tags = {"gift", "sale", "new", "bulk", "express", "fragile", "eco", "vip", "repeat", "b2b"};
        int customers = Math.max(1, orders / 4);
        int products = Math.max(1, orders / 10);
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).get())) {
            for (int i = 1; i <= orders; i++) {
                int c = random.nextInt(customers);
                int p = random.nextInt(products);
                StringBuilder orderTags = new StringBuilder();
                for (int t = random.nextInt(3); t > 0; t--) {
                    orderTags.append(orderTags.length() == 0 ? "" : ";").append(tags[random.nextInt(tags.length)]);
                }
                csv.printRecord(String.format("ORD-%08d", i), "customer" + c + "@example.com", "Customer " + c,
                        String.format("SKU-%06d", p), "Product " + p, categories[p % categories.length], orderTags,
                        1 + random.nextInt(5));
            }
        }
    }
}
