package io.getorcreate.example;

import io.getorcreate.GetOrCreateException;
import io.getorcreate.example.Shop.Category;
import io.getorcreate.example.Shop.Customer;
import io.getorcreate.example.Shop.Order;
import io.getorcreate.example.Shop.Product;
import io.getorcreate.example.Shop.Tag;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

/**
 * Imports orders through the generated DAOs. Every row is a chain of get-or-creates, so importing a
 * file twice creates nothing the second time, and any number of threads create each row once.
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

    private final Shop_CustomerDao customers;
    private final Shop_CategoryDao categories;
    private final Shop_ProductDao products;
    private final Shop_TagDao tags;
    private final Shop_OrderDao orders;
    private final Shop_OrderTagDao orderTags;

    Importer(Jdbi jdbi) {
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

    void importRow(OrderRow row, Tally tally) {
        Customer customer = tally.count(CUSTOMERS,
                customers.getOrCreateByEmail(row.customerEmail(), d -> d.name(row.customerName())));
        Category category = tally.count(CATEGORIES, categories.getOrCreateByName(row.category()));
        Product product = tally.count(PRODUCTS, products.getOrCreateBySku(row.sku(),
                d -> d.name(row.productName()).categoryId(category.id())));
        Order order = tally.count(ORDERS, orders.getOrCreateByOrderNumber(row.orderNumber(),
                d -> d.customerId(customer.id()).productId(product.id()).quantity(row.quantity())));
        for (String name : row.tags()) {
            Tag tag = tally.count(TAGS, tags.getOrCreateByName(name));
            tally.count(ORDER_TAGS, orderTags.getOrCreateByOrderIdAndTagId(order.id(), tag.id()));
        }
    }

    /**
     * Imports the rows on {@code threads} threads; a row the database refuses is reported, and the
     * rest go on unless {@code stopOnFailure}.
     */
    List<Failure> importAll(List<OrderRow> rows, int threads, boolean stopOnFailure, Tally tally, Progress progress)
            throws InterruptedException {
        ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < rows.size() && !stop.get(); i = next.getAndIncrement()) {
                        OrderRow row = rows.get(i);
                        try {
                            importRow(row, tally);
                        } catch (GetOrCreateException e) {
                            failures.add(new Failure(row.line(), e.getMessage()));
                            if (stopOnFailure) {
                                stop.set(true);
                            }
                        }
                        progress.step();
                    }
                }));
            }
            for (Future<?> worker : workers) {
                try {
                    worker.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("an import thread failed", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        progress.finish();
        return failures.stream().sorted(java.util.Comparator.comparingLong(Failure::line)).toList();
    }
}
