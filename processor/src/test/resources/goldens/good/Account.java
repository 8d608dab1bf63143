package shop;

import io.getorcreate.*;

/** A bare and a named one-component key, a table and a column name of its own, @Column sizes, more types. */
@Entity(table = "accounts")
public record Account(
        @Id Integer id,
        @Lookup @Column(length = 320) String email,
        @Lookup("handle") @Column(name = "nick") String handle,
        java.time.Instant since,
        Status status,
        @Column(length = 4096) byte[] avatar,
        @Column(precision = 12, scale = 2) java.math.BigDecimal balance,
        java.time.LocalTime opens) {
    public enum Status { NEW, OLD }
}
