package io.getorcreate.it;

import io.getorcreate.Entity;
import io.getorcreate.Id;
import io.getorcreate.Lookup;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;

/** Records for {@link AttackTest}: hand-written tables, named atk_* so that no other test shares them. */
final class AttackEntities {
    private AttackEntities() {}

    @Entity(table = "atk_text")
    record Text(@Id Long id, @Lookup String code, String note) {}

    @Entity(table = "atk_amount")
    record Amount(@Id Long id, @Lookup BigDecimal amount) {}

    @Entity(table = "atk_big")
    record Big(@Id Long id, @Lookup long n) {}

    @Entity(table = "atk_stamp")
    record Stamp(@Id Long id, @Lookup Instant at) {}

    @Entity(table = "atk_offset")
    record Offset(@Id Long id, @Lookup OffsetDateTime at) {}

    @Entity(table = "atk_local")
    record Local(@Id Long id, @Lookup LocalDateTime at) {}

    @Entity(table = "atk_clock")
    record Clock(@Id Long id, @Lookup LocalTime at) {}
}
