package io.getorcreate.it;

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

/** Records for {@link VlBulkUpdateAttackTest}; its tests write the tables' DDL or call createTable(). */
final class VlaEntities {
    private VlaEntities() {}

    enum Color { RED, GREEN, BLUE }

    @Entity(table = "vla_item")
    record Item(@Id Long id, @Lookup String code, String note, Integer qty, Long parent) {}

    @Entity(table = "vla_pair")
    record Pair(@Id Long id, @Lookup("k") long tenant, @Lookup("k") String code, String note) {}

    /** Values of every supported type. */
    @Entity(table = "vla_types")
    record Types(@Id Long id, @Lookup String code, String s, Boolean b, Short sh, Integer i, Long l, Double d, Float f,
            BigDecimal bd, LocalDate ld, LocalDateTime ldt, LocalTime lt, Instant ins, OffsetDateTime odt, UUID u,
            byte[] bytes, Color e) {}

    /** A composite key of the types that need a conversion. */
    @Entity(table = "vla_multi")
    record Multi(@Id Long id, @Lookup("k") UUID uid, @Lookup("k") Instant at, @Lookup("k") BigDecimal amount,
            @Lookup("k") Color color, @Lookup("k") LocalDate day, @Lookup("k") LocalTime time,
            @Lookup("k") boolean flag, @Lookup("k") long big, String note) {}

    @Entity(table = "vla_blob")
    record Blob(@Id Long id, @Lookup byte[] data, String note) {}
}
