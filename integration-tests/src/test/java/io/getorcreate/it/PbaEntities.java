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

/** Records for {@link PostgresBulkUpdateAttackTest}; each test writes its own DDL for their tables. */
final class PbaEntities {
    private PbaEntities() {}

    enum Color { RED, GREEN, BLUE }

    /** One key; {@code tag} may carry a unique constraint of its own, {@code qty} a CHECK, {@code parent} an FK. */
    @Entity(table = "pba_item")
    record Item(@Id Long id, @Lookup String code, String note, String tag, Integer qty, BigDecimal price,
            Long parent, String stamp) {}

    /** A composite key whose components all need a cast from text. */
    @Entity(table = "pba_multi")
    record Multi(@Id Long id, @Lookup("k") UUID uid, @Lookup("k") Instant at, @Lookup("k") BigDecimal amount,
            @Lookup("k") Color color, @Lookup("k") byte[] blob, @Lookup("k") LocalDate day, String note) {}

    /** A UUID key, which a user's schema may hold in CHAR(36) (API.md: "uuid or CHAR(36) for UUID"). */
    @Entity(table = "pba_uuid")
    record Token(@Id Long id, @Lookup UUID uid, String note) {}

    /** Values of every supported type (non-key). */
    @Entity(table = "pba_types")
    record Types(@Id Long id, @Lookup String code, String s, Boolean b, Short sh, Integer i, Long l, Double d,
            Float f, BigDecimal bd, LocalDate ld, LocalDateTime ldt, LocalTime lt, Instant ins, OffsetDateTime odt,
            UUID u, byte[] bytes, Color e) {}

    /** A date key. */
    @Entity(table = "pba_day")
    record Day(@Id Long id, @Lookup LocalDate day, String note) {}
}
