package io.getorcreate.example;

import java.util.List;

/** One valid line of the orders CSV. */
record OrderRow(long line, String orderNumber, String customerEmail, String customerName, String sku,
        String productName, String category, List<String> tags, int quantity) {}
