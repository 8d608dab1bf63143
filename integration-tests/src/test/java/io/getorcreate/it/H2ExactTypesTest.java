package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.getorcreate.Outcome;
import io.getorcreate.it.Entities.Exact;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class H2ExactTypesTest extends ExactTypesTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }

    /** Through the generated DAO: keys with nanoseconds and 20 decimals are created, then found again by each key. */
    @Test
    void nanosecondAndTwentyDecimalKeysRoundTripThroughTheDao() {
        // A fresh in-memory database per test, so the DAO's fixed table name is this run's alone.
        Entities_ExactDao dao = new Entities_ExactDao(db.jdbi);
        dao.createTable();
        List<Object> keys = keyValues();
        Instant instant = (Instant) keys.get(0);
        LocalDateTime at = (LocalDateTime) keys.get(1);
        LocalTime time = (LocalTime) keys.get(2);
        OffsetDateTime offset = (OffsetDateTime) keys.get(3);
        BigDecimal amount = (BigDecimal) keys.get(4);
        assertThat(time.getNano()).isEqualTo(654_321_987);
        assertThat(amount.scale()).isEqualTo(20);

        Outcome<Exact> created = dao.getOrCreateByInstant(instant, d -> d.at(at).time(time).offset(offset)
                .amount(amount).price(new BigDecimal("0.10")).code("c").tag(new byte[] {7}));
        assertThat(created.created()).isTrue();
        Exact stored = created.entity();
        assertThat(stored.instant()).isEqualTo(instant);
        assertThat(stored.at()).isEqualTo(at);
        assertThat(stored.time()).isEqualTo(time);
        assertThat(stored.offset().toInstant()).isEqualTo(offset.toInstant());
        assertThat(stored.amount()).isEqualByComparingTo(amount);

        assertThat(dao.findByInstant(instant).map(Exact::id)).contains(stored.id());
        assertThat(dao.findByAt(at).map(Exact::id)).contains(stored.id());
        assertThat(dao.findByTime(time).map(Exact::id)).contains(stored.id());
        assertThat(dao.findByOffset(offset).map(Exact::id)).contains(stored.id());
        assertThat(dao.findByAmount(amount).map(Exact::id)).contains(stored.id());
        Outcome<Exact> again = dao.getOrCreateByAmount(amount);
        assertThat(again.created()).isFalse();
        assertThat(again.entity().id()).isEqualTo(stored.id());
    }
}
