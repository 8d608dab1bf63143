package io.getorcreate.example;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** Reads and writes the orders CSV: a header line, then one order per line. */
final class OrdersCsv {
    static final String[] HEADER = {
        "order_id", "customer_email", "customer_name", "product_sku", "product_name", "category", "tags", "quantity"
    };

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
     */
    static void read(Reader in, Consumer<OrderRow> rows, Consumer<BadLine> bad) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        var parser = format.parse(in);
        List<String> header = parser.getHeaderNames();
        if (!header.equals(Arrays.asList(HEADER))) {
            throw new IllegalArgumentException("the first line must be the header " + String.join(",", HEADER)
                    + " but is " + String.join(",", header));
        }
        try {
            for (CSVRecord record : parser) {
                long line = record.getParser().getCurrentLineNumber();
                String problem = problem(record);
                if (problem != null) {
                    bad.accept(new BadLine(line, problem));
                    continue;
                }
                List<String> tags = new ArrayList<>();
                for (String tag : record.get("tags").split(";")) {
                    if (!tag.isBlank()) {
                        tags.add(tag.trim());
                    }
                }
                rows.accept(new OrderRow(line, record.get("order_id"), record.get("customer_email"),
                        record.get("customer_name"), record.get("product_sku"), record.get("product_name"),
                        record.get("category"), tags, Integer.parseInt(record.get("quantity"))));
            }
        } catch (UncheckedIOException e) {
            // commons-csv reports broken quoting this way; the line number is in its message.
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    private static String problem(CSVRecord record) {
        if (record.size() != HEADER.length) {
            return "expected " + HEADER.length + " fields, found " + record.size();
        }
        for (String required : new String[] {"order_id", "customer_email", "product_sku", "category"}) {
            if (record.get(required).isEmpty()) {
                return required + " is empty";
            }
        }
        if (!record.get("customer_email").contains("@")) {
            return "customer_email \"" + record.get("customer_email") + "\" is not an email address";
        }
        try {
            int quantity = Integer.parseInt(record.get("quantity"));
            if (quantity <= 0) {
                return "quantity must be positive, is " + quantity;
            }
        } catch (NumberFormatException e) {
            return "quantity \"" + record.get("quantity") + "\" is not a whole number";
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
