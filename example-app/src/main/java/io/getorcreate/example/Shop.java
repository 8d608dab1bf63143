package io.getorcreate.example;

import io.getorcreate.Entity;
import io.getorcreate.Id;
import io.getorcreate.Lookup;

/** The importer's tables, one record each; the processor writes a {@code Shop_<Record>Dao} for every one. */
public final class Shop {
    private Shop() {}

    @Entity
    public record Customer(@Id Long id, @Lookup String email, String name) {}

    @Entity
    public record Category(@Id Long id, @Lookup String name) {}

    @Entity
    public record Product(@Id Long id, @Lookup String sku, String name, Long categoryId) {}

    @Entity
    public record Tag(@Id Long id, @Lookup String name) {}

    @Entity(table = "orders")
    public record Order(@Id Long id, @Lookup String orderNumber, Long customerId, Long productId, int quantity) {}

    /**
     * Which tags an order carries: one composite key of both components (they share the key's name), so
     * each pair is stored once.
     */
    @Entity
    public record OrderTag(@Id Long id, @Lookup("order_tag") long orderId, @Lookup("order_tag") long tagId) {}
}
