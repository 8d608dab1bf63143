package io.getorcreate.it;

import io.getorcreate.Column;
import io.getorcreate.Entity;
import io.getorcreate.Id;
import io.getorcreate.Lookup;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The records the integration tests compile with the processor; nested, so their DAOs are {@code Entities_XDao}. */
final class Entities {
    private Entities() {}

    enum Color { RED, GREEN }

    @Entity
    record Customer(@Id Long id, @Lookup String email, String name, String phone) {}

    @Entity
    record Tag(@Id Long id, @Lookup String name) {}

    @Entity
    record Category(@Id Long id, @Lookup String name) {}

    /** One composite key: the same name on both components. */
    @Entity
    record Post(@Id Long id, @Lookup("post") long categoryId, @Lookup("post") String title, String body) {}

    /** Two keys, and columns whose defaults, NOT NULL and CHECK live in a hand-written schema. */
    @Entity
    record Account(@Id Long id, @Lookup("email") String email, @Lookup("handle") String handle, Integer credits,
            String status) {}

    /** Reserved words as table and column names. */
    @Entity(table = "order")
    record Order(@Id int id, @Lookup("line") String select, @Lookup("line") int group, @Column(name = "user") String from) {}

    /** For hostile input: a bounded key and body, a double and a date, in a hand-written schema. */
    @Entity
    record Note(@Id Long id, @Lookup String title, String body, Double score, LocalDate day) {}

    /** For schemas users wrote themselves, with the other usual column type for each Java type. */
    @Entity
    record Gadget(@Id Long id, @Lookup UUID code, Instant at, OffsetDateTime since, byte[] data, Color color,
            boolean active) {}

    @Entity(table = "all_types")
    record AllTypes(@Id long id, @Lookup UUID code, boolean flag, Boolean flagBox, short small, Short smallBox, int number,
            Integer numberBox, long big, Long bigBox, double real, Double realBox, float single, Float singleBox,
            BigDecimal amount, LocalDate day, LocalDateTime at, LocalTime time, Instant instant, OffsetDateTime offset,
            UUID uuid, byte[] bytes, Color color) {}

    /**
     * A key of each type whose exactness depends on createTable()'s column types (a bare @Lookup each,
     * so five keys), and the sizes @Column can set.
     */
    @Entity
    record Exact(@Id Long id, @Lookup Instant instant, @Lookup LocalDateTime at, @Lookup LocalTime time,
            @Lookup OffsetDateTime offset, @Lookup BigDecimal amount, @Column(precision = 12, scale = 2) BigDecimal price,
            @Column(length = 20) String code, @Column(length = 8) byte[] tag) {}
}
