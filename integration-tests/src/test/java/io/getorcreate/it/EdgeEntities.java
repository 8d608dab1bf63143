package io.getorcreate.it;

import io.getorcreate.Entity;
import io.getorcreate.Id;
import io.getorcreate.Lookup;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;

/** Records for the edge cases of 0.2's promises 9 to 12, mapped onto hand-written tables. */
final class EdgeEntities {
    private EdgeEntities() {}

    enum Size { SMALL, LARGE }

    @Entity
    record Price(@Id Long id, @Lookup BigDecimal amount, String label) {}

    @Entity
    record Moment(@Id Long id, @Lookup LocalDateTime at, LocalTime time, String label) {}

    @Entity
    record Code(@Id Long id, @Lookup String code, String note) {}

    @Entity
    record Counter(@Id Long id, @Lookup int n) {}

    @Entity
    record Shirt(@Id Long id, @Lookup String name, Size size) {}

    @Entity
    record Member(@Id Long id, @Lookup String email, String nick) {}

    @Entity
    record Visit(@Id Long id, @Lookup String name, LocalDateTime at) {}
}
