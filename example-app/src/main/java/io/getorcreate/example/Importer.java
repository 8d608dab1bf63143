package io.getorcreate.example;

import io.getorcreate.GetOrCreateException;
import io.getorcreate.example.Shop.Category;
import io.getorcreate.example.Shop.Customer;
import io.getorcreate.example.Shop.Order;
import io.getorcreate.example.Shop.Product;
import io.getorcreate.example.Shop.Tag;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * Imports orders through the generated DAOs. Every row is a chain of get-or-creates, so importing a
 * file twice creates nothing the second time, and any number of threads create each row once.
 *
 * <p>A batch of rows costs one {@code getOrCreateAll} per entity, in the order the foreign keys need
 * (an order needs its customer's and product's ids), and counts what a loop of {@link #importRow}
 * would: a key repeated in the batch is created at most once, at its first row, and found after.
 *
 * <p>In update mode, customers and products go through {@code updateOrCreate} instead: a customer's
 * name and a product's name and category are set from each row, so re-importing a file whose names
 * changed updates those rows, and a row whose values are already stored is left unchanged (not
 * written). Categories, orders, tags and order tags keep get-or-create.
 */
final class Importer {
    static final String CUSTOMERS = "customers";
    static final String CATEGORIES = "categories";
    static final String PRODUCTS = "products";
    static final String TAGS = "tags";
    static final String ORDERS = "orders";
    static final String ORDER_TAGS = "order tags";

    /** A row that the database refused, and why. */
    record Failure(long line, String problem) {
        @Override
        public String toString() {
            return "line " + line + ": " + problem;
        }
    }

    /** How many rows of a batch were imported, and the rows refused. */
    record BatchResult(int imported, List<Failure> failures) {}

    /**
     * The links of a row's chain, in the order a row is imported. A batch runs each stage for all its
     * rows at once; a row imported on its own runs them one after the other.
     */
    private enum Stage { CUSTOMER, CATEGORY, PRODUCT, ORDER, TAGS, ORDER_TAGS }

    /** One row and the entities found or created for it so far. */
    private static final class Chain {
        final OrderRow row;
        Customer customer;
        Category category;
        Product product;
        Order order;
        List<Tag> tags;

        Chain(OrderRow row) {
            this.row = row;
        }
    }

    private final Shop_CustomerDao customers;
    private final Shop_CategoryDao categories;
    private final Shop_ProductDao products;
    private final Shop_TagDao tags;
    private final Shop_OrderDao orders;
    private final Shop_OrderTagDao orderTags;
    private final boolean update;

    Importer(Jdbi jdbi) {
        this(jdbi, false);
    }

    /** With {@code update}, customers and products are updated from the rows (see above). */
    Importer(Jdbi jdbi, boolean update) {
        this.update = update;
        customers = new Shop_CustomerDao(jdbi);
        categories = new Shop_CategoryDao(jdbi);
        products = new Shop_ProductDao(jdbi);
        tags = new Shop_TagDao(jdbi);
        orders = new Shop_OrderDao(jdbi);
        orderTags = new Shop_OrderTagDao(jdbi);
    }

    void createTables() {
        customers.createTable();
        categories.createTable();
        products.createTable();
        tags.createTable();
        orders.createTable();
        orderTags.createTable();
    }

    static Tally newTally() {
        return new Tally(CUSTOMERS, CATEGORIES, PRODUCTS, TAGS, ORDERS, ORDER_TAGS);
    }

    /** Imports one row: one get-or-create per entity. */
    void importRow(OrderRow row, Tally tally) {
        finish(new Chain(row), Stage.CUSTOMER, tally);
    }

    /**
     * Imports {@code rows} with one {@code getOrCreateAll} per stage. A call refuses its whole batch when one
     * row breaks a constraint (it is atomic: it created nothing), so then that stage and the ones after it run
     * row by row, which names the bad row and imports the others; {@code stopOnFailure} stops at the first one.
     */
    BatchResult importBatch(List<OrderRow> rows, Tally tally, boolean stopOnFailure) {
        List<Chain> chains = rows.stream().map(Chain::new).toList();
        for (Stage stage : Stage.values()) {
            try {
                runForAll(stage, chains, tally);
            } catch (GetOrCreateException refused) {
                return oneByOne(chains, stage, tally, stopOnFailure);
            }
        }
        return new BatchResult(rows.size(), List.of());
    }

    private BatchResult oneByOne(List<Chain> chains, Stage from, Tally tally, boolean stopOnFailure) {
        List<Failure> failures = new ArrayList<>();
        int imported = 0;
        for (Chain chain : chains) {
            try {
                finish(chain, from, tally);
                imported++;
            } catch (GetOrCreateException e) {
                failures.add(new Failure(chain.row.line(), e.getMessage()));
                if (stopOnFailure) {
                    break;
                }
            }
        }
        return new BatchResult(imported, failures);
    }

    /** Runs the stages of one row from {@code from} on, one get-or-create at a time. */
    private void finish(Chain c, Stage from, Tally tally) {
        OrderRow row = c.row;
        if (from.compareTo(Stage.CUSTOMER) <= 0) {
            c.customer = tally.count(CUSTOMERS, update
                    ? customers.updateOrCreateByEmail(row.customerEmail(), d -> d.name(row.customerName()))
                    : customers.getOrCreateByEmail(row.customerEmail(), d -> d.name(row.customerName())));
        }
        if (from.compareTo(Stage.CATEGORY) <= 0) {
            c.category = tally.count(CATEGORIES, categories.getOrCreateByName(row.category()));
        }
        if (from.compareTo(Stage.PRODUCT) <= 0) {
            c.product = tally.count(PRODUCTS, update
                    ? products.updateOrCreateBySku(row.sku(),
                            d -> d.name(row.productName()).categoryId(c.category.id()))
                    : products.getOrCreateBySku(row.sku(),
                            d -> d.name(row.productName()).categoryId(c.category.id())));
        }
        if (from.compareTo(Stage.ORDER) <= 0) {
            c.order = tally.count(ORDERS, orders.getOrCreateByOrderNumber(row.orderNumber(),
                    d -> d.customerId(c.customer.id()).productId(c.product.id()).quantity(row.quantity())));
        }
        if (from.compareTo(Stage.TAGS) <= 0) {
            for (String name : row.tags()) {
                Tag tag = tally.count(TAGS, tags.getOrCreateByName(name));
                tally.count(ORDER_TAGS, orderTags.getOrCreateByOrderIdAndTagId(c.order.id(), tag.id()));
            }
        } else {
            for (Tag tag : c.tags) {
                tally.count(ORDER_TAGS, orderTags.getOrCreateByOrderIdAndTagId(c.order.id(), tag.id()));
            }
        }
    }

    /**
     * One {@code getOrCreateAll} for the stage, with a key per row (per tag for the tags); the DAO gives rows
     * that repeat a key one row, created at most at the first of them. The defaults come from that first row,
     * as in a loop the first row would create it. In update mode, customers and products take one
     * {@code updateOrCreateAll}, whose values come from each row: the DAO applies them position by position,
     * as a loop would. Nothing is counted unless the call succeeds.
     */
    private void runForAll(Stage stage, List<Chain> chains, Tally tally) {
        switch (stage) {
            case CUSTOMER -> {
                List<String> emails = keys(chains, c -> c.row.customerEmail());
                List<Customer> found;
                if (update) {
                    Map<String, Deque<Chain>> byKey = inOrderByKey(chains, c -> c.row.customerEmail());
                    found = tally.countAll(CUSTOMERS, customers.updateOrCreateAllByEmail(
                            emails, (email, d) -> d.name(byKey.get(email).remove().row.customerName())));
                } else {
                    Map<String, Chain> first = firstByKey(chains, c -> c.row.customerEmail());
                    found = tally.countAll(CUSTOMERS, customers.getOrCreateAllByEmail(
                            emails, (email, d) -> d.name(first.get(email).row.customerName())));
                }
                for (int i = 0; i < chains.size(); i++) {
                    chains.get(i).customer = found.get(i);
                }
            }
            case CATEGORY -> {
                List<Category> found = tally.countAll(CATEGORIES,
                        categories.getOrCreateAllByName(keys(chains, c -> c.row.category())));
                for (int i = 0; i < chains.size(); i++) {
                    chains.get(i).category = found.get(i);
                }
            }
            case PRODUCT -> {
                List<String> skus = keys(chains, c -> c.row.sku());
                List<Product> found;
                if (update) {
                    Map<String, Deque<Chain>> byKey = inOrderByKey(chains, c -> c.row.sku());
                    found = tally.countAll(PRODUCTS, products.updateOrCreateAllBySku(skus, (sku, d) -> {
                        Chain c = byKey.get(sku).remove();
                        d.name(c.row.productName()).categoryId(c.category.id());
                    }));
                } else {
                    Map<String, Chain> first = firstByKey(chains, c -> c.row.sku());
                    found = tally.countAll(PRODUCTS, products.getOrCreateAllBySku(skus, (sku, d) -> {
                        Chain c = first.get(sku);
                        d.name(c.row.productName()).categoryId(c.category.id());
                    }));
                }
                for (int i = 0; i < chains.size(); i++) {
                    chains.get(i).product = found.get(i);
                }
            }
            case ORDER -> {
                Map<String, Chain> first = firstByKey(chains, c -> c.row.orderNumber());
                List<Order> found = tally.countAll(ORDERS, orders.getOrCreateAllByOrderNumber(
                        keys(chains, c -> c.row.orderNumber()), (number, d) -> {
                            Chain c = first.get(number);
                            d.customerId(c.customer.id()).productId(c.product.id()).quantity(c.row.quantity());
                        }));
                for (int i = 0; i < chains.size(); i++) {
                    chains.get(i).order = found.get(i);
                }
            }
            case TAGS -> {
                List<String> names = new ArrayList<>();
                chains.forEach(c -> names.addAll(c.row.tags()));
                List<Tag> found = tally.countAll(TAGS, tags.getOrCreateAllByName(names));
                int next = 0;
                for (Chain c : chains) {
                    c.tags = found.subList(next, next += c.row.tags().size());
                }
            }
            case ORDER_TAGS -> {
                List<Shop_OrderTagDao.OrderIdAndTagId> pairs = new ArrayList<>();
                for (Chain c : chains) {
                    for (Tag tag : c.tags) {
                        pairs.add(new Shop_OrderTagDao.OrderIdAndTagId(c.order.id(), tag.id()));
                    }
                }
                tally.countAll(ORDER_TAGS, orderTags.getOrCreateAllByOrderIdAndTagId(pairs));
            }
        }
    }

    private static <K> List<K> keys(List<Chain> chains, Function<Chain, K> key) {
        List<K> keys = new ArrayList<>(chains.size());
        for (Chain c : chains) {
            keys.add(key.apply(c));
        }
        return keys;
    }

    /**
     * The rows of each key, in input order: {@code updateOrCreateAll} calls its values once per position, and a
     * key's positions in input order, so each call takes the next row of its key.
     */
    private static <K> Map<K, Deque<Chain>> inOrderByKey(List<Chain> chains, Function<Chain, K> key) {
        Map<K, Deque<Chain>> byKey = new HashMap<>();
        for (Chain c : chains) {
            byKey.computeIfAbsent(key.apply(c), k -> new ArrayDeque<>()).add(c);
        }
        return byKey;
    }

    private static <K> Map<K, Chain> firstByKey(List<Chain> chains, Function<Chain, K> key) {
        Map<K, Chain> first = new HashMap<>();
        for (Chain c : chains) {
            first.putIfAbsent(key.apply(c), c);
        }
        return first;
    }
}
