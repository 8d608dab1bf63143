package io.getorcreate.processor;

import java.util.Locale;
import javax.tools.Diagnostic;

/**
 * Every message the processor reports, in one place, each an instruction the user can act on; tests
 * assert with the same constants. A message about one component starts with its name, so the text
 * alone tells which one even when a record is declared on one line.
 */
enum Message {
    NOT_A_RECORD("@Entity goes on a record: declare the entity as "
            + "`record Customer(@Id Long id, @Lookup String email, ...)`"),
    NO_LOOKUP("@Lookup is missing: mark the component(s) that identify a row, e.g. `@Lookup String email`"),
    GENERIC_RECORD("An @Entity record cannot be generic: remove the type parameters and use concrete component types"),
    PRIVATE_RECORD("The generated DAO cannot see this record: make the @Entity record (and every type enclosing it) "
            + "at least package-private, not private"),
    LOCAL_RECORD("The generated DAO cannot see a local record: declare the @Entity record at the top level or as a "
            + "member of a class"),
    // The runtime keeps column sets as 64-bit masks.
    TOO_MANY_COMPONENTS("An @Entity record has at most 64 components"),
    INVALID_TABLE_NAME("Table name \"%s\" is not a valid SQL identifier: use letters, digits and underscores, "
            + "starting with a letter or underscore, at most 63 characters"),

    MORE_THAN_ONE_ID("Component `%s` is a second @Id (the first is `%s`): an entity has one database-generated "
            + "primary key; remove @Id from all but one component"),
    ID_TYPE("Component `%s` is an @Id of type %s: @Id must be long, Long, int or Integer (a database-generated key); "
            + "change the component's type"),
    ID_IS_LOOKUP("Component `%s` is the @Id, which the database generates, so it cannot be part of a @Lookup key; "
            + "mark a natural key instead"),
    UNSUPPORTED_TYPE("Component `%s` has unsupported type %s: use String, boolean, short, int, long, double, float "
            + "(or their boxes), BigDecimal, LocalDate, LocalDateTime, LocalTime, Instant, OffsetDateTime, UUID, "
            + "byte[] or an enum"),
    INEXACT_LOOKUP("Component `%s` of type %s cannot be a @Lookup component: databases store floating-point numbers "
            + "inexactly, so an equal lookup can miss the row; use BigDecimal or an integer type"),
    INVALID_COLUMN_NAME("Component `%s` has column name \"%s\", which is not a valid SQL identifier: use letters, "
            + "digits and underscores, starting with a letter or underscore, at most 63 characters"),
    DUPLICATE_COLUMN("Component `%s` has column name \"%s\", which component `%s` already uses: give one of them "
            + "another name with @Column(name = \"...\")"),
    ATTRIBUTE_DOES_NOT_FIT("Component `%s` of type %s cannot have @Column(%s), which is for %s only: remove it"),
    INVALID_LENGTH("Component `%s` has @Column(length = %d): a length is at least 1 (or leave it out)"),
    INVALID_PRECISION("Component `%s` has @Column(precision = %d): a precision is at least 1 (or leave it out)"),
    INVALID_SCALE("Component `%s` has @Column(scale = %d): a scale is 0 or more (or leave it out)"),
    SCALE_ABOVE_PRECISION("Component `%s` has @Column(scale = %d) above its precision %d: the scale counts the "
            + "precision's digits after the decimal point, so it is at most the precision"),
    SCALE_WITHOUT_PRECISION("Component `%s` has @Column(scale) without a precision: give both, "
            + "e.g. @Column(precision = 12, scale = 2)"),

    UNEXPECTED("getorcreate processor failed on this element (please report it): %s");

    private final String format;
    private final Diagnostic.Kind kind;

    Message(String format) {
        this.format = format;
        this.kind = Diagnostic.Kind.ERROR;
    }

    Diagnostic.Kind kind() {
        return kind;
    }

    /** The text with its arguments filled in. */
    String format(Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
