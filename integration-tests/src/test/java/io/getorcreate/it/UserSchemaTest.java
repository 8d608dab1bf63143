package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.getorcreate.Outcome;
import io.getorcreate.it.Entities.Color;
import io.getorcreate.it.Entities.Gadget;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DAO on a schema a user wrote, in mixed-case unquoted identifiers, with the alternative column
 * types the contract names: CHAR(36) for UUID, BLOB/VARBINARY for byte[], TIMESTAMP WITH TIME ZONE or
 * DATETIME(6) for Instant and OffsetDateTime, VARCHAR for enums.
 */
abstract class UserSchemaTest {
    TestDatabase db;
    Entities_GadgetDao gadgets;

    abstract TestDatabase.Kind kind();

    @BeforeEach
    void setUp() {
        db = TestDatabase.open(kind(), 2);
        db.drop("gadget");
        String ddl = switch (kind()) {
            case H2 -> "CREATE TABLE Gadget (ID BIGINT AUTO_INCREMENT PRIMARY KEY, Code CHAR(36) NOT NULL UNIQUE, "
                    + "At TIMESTAMP WITH TIME ZONE, Since TIMESTAMP(6) WITH TIME ZONE, Data BLOB, Color VARCHAR(10), "
                    + "Active BOOLEAN DEFAULT TRUE NOT NULL)";
            case POSTGRES -> "CREATE TABLE Gadget (Id BIGSERIAL PRIMARY KEY, CODE CHAR(36) NOT NULL, At TIMESTAMPTZ, "
                    + "Since TIMESTAMPTZ, Data BYTEA, Color VARCHAR(10), Active BOOLEAN NOT NULL DEFAULT TRUE, "
                    + "UNIQUE (Code))";
            case MARIADB -> "CREATE TABLE gadget (Id BIGINT AUTO_INCREMENT PRIMARY KEY, CODE CHAR(36) NOT NULL, "
                    + "At DATETIME(6), Since DATETIME(6), Data VARBINARY(100), Color VARCHAR(10), "
                    + "Active TINYINT(1) NOT NULL DEFAULT 1, UNIQUE KEY gadget_code (Code))";
        };
        db.exec(ddl);
        gadgets = new Entities_GadgetDao(db.jdbi);
    }

    @AfterEach
    void tearDown() {
        if (db != null) {
            db.drop("gadget");
            db.close();
        }
    }

    @Test
    void mapsOntoTheUsersColumnTypes() {
        UUID code = UUID.randomUUID();
        Instant at = Instant.parse("2025-03-04T05:06:07.123456Z");
        OffsetDateTime since = OffsetDateTime.of(2020, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(-5));
        Outcome<Gadget> created = gadgets.getOrCreateByCode(code,
                d -> d.at(at).since(since).data(new byte[] {1, 2, 3}).color(Color.RED));
        assertThat(created.created()).isTrue();
        Gadget g = created.entity();
        assertThat(g.code()).isEqualTo(code);
        assertThat(g.at()).isEqualTo(at);
        assertThat(g.since().toInstant()).isEqualTo(since.toInstant());
        assertThat(g.data()).containsExactly(1, 2, 3);
        assertThat(g.color()).isEqualTo(Color.RED);
        assertThat(g.active()).as("the column's default, read back").isTrue();

        Outcome<Gadget> found = gadgets.getOrCreateByCode(code);
        assertThat(found.created()).isFalse();
        assertThat(found.entity().id()).isEqualTo(g.id());
        assertThat(gadgets.findByCode(code)).isPresent();
        assertThat(gadgets.findById(g.id()).orElseThrow().code()).isEqualTo(code);

        Gadget plain = gadgets.create(new Gadget(null, UUID.randomUUID(), null, null, null, null, false));
        assertThat(plain.active()).isFalse();
        assertThat(plain.data()).isNull();
    }
}
