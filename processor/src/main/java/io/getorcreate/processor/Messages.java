package io.getorcreate.processor;

/** Every message the processor reports, in one place; tests assert with the same text. */
final class Messages {
    private Messages() {}

    static final String NOT_A_RECORD =
            "@Entity goes on a record: declare the entity as `record Customer(@Id Long id, @Lookup String email, ...)`";
    static final String NO_LOOKUP =
            "@Lookup is missing: mark the component(s) that identify a row, e.g. `@Lookup String email`";
    static final String GENERIC_RECORD =
            "An @Entity record cannot be generic: remove the type parameters and use concrete component types";
    static final String PRIVATE_RECORD =
            "The generated DAO cannot see this record: make the @Entity record (and every type enclosing it) "
                    + "at least package-private, not private";
    static final String LOCAL_RECORD =
            "The generated DAO cannot see a local record: declare the @Entity record at the top level or as a "
                    + "member of a class";
    static final String TOO_MANY_COMPONENTS = "An @Entity record has at most 64 components";

    static String moreThanOneId(String component, String first) {
        return component(component) + " is a second @Id (the first is `" + first + "`): an entity has one "
                + "database-generated primary key; remove @Id from all but one component";
    }

    static String idType(String component, String type) {
        return component(component) + " is an @Id of type " + type + ": @Id must be long, Long, int or Integer "
                + "(a database-generated key); change the component's type";
    }

    static String idIsLookup(String component) {
        return component(component) + " is the @Id, which the database generates, so it cannot be part of a "
                + "@Lookup key; mark a natural key instead";
    }

    static String unsupportedType(String component, String type) {
        return component(component) + " has unsupported type " + type + ": use String, boolean, short, int, long, "
                + "double, float (or their boxes), BigDecimal, LocalDate, LocalDateTime, LocalTime, Instant, "
                + "OffsetDateTime, UUID, byte[] or an enum";
    }

    static String inexactLookup(String component, String type) {
        return component(component) + " of type " + type + " cannot be a @Lookup component: databases store "
                + "floating-point numbers inexactly, so an equal lookup can miss the row; use BigDecimal or an "
                + "integer type";
    }

    static String invalidTableName(String name) {
        return "Table name \"" + name + "\" is not a valid SQL identifier: use letters, digits and underscores, "
                + "starting with a letter or underscore, at most 63 characters";
    }

    static String invalidColumnName(String component, String name) {
        return component(component) + " has column name \"" + name + "\", which is not a valid SQL identifier: "
                + "use letters, digits and underscores, starting with a letter or underscore, at most 63 characters";
    }

    static String duplicateColumn(String component, String column, String other) {
        return component(component) + " has column name \"" + column + "\", which component `" + other
                + "` already uses: give one of them another name with @Column(name = \"...\")";
    }

    static String attributeDoesNotFit(String component, String attribute, String type, String fits) {
        return component(component) + " of type " + type + " cannot have @Column(" + attribute + "), which is for "
                + fits + " only: remove it";
    }

    static String invalidLength(String component, int length) {
        return component(component) + " has @Column(length = " + length + "): a length is at least 1 "
                + "(or leave it out)";
    }

    static String invalidPrecision(String component, int precision) {
        return component(component) + " has @Column(precision = " + precision + "): a precision is at least 1 "
                + "(or leave it out)";
    }

    static String invalidScale(String component, int scale) {
        return component(component) + " has @Column(scale = " + scale + "): a scale is 0 or more (or leave it out)";
    }

    static String scaleAbovePrecision(String component, int scale, int precision) {
        return component(component) + " has @Column(scale = " + scale + ") above its precision " + precision
                + ": the scale counts the precision's digits after the decimal point, so it is at most the precision";
    }

    static String scaleWithoutPrecision(String component) {
        return component(component) + " has @Column(scale) without a precision: give both, "
                + "e.g. @Column(precision = 12, scale = 2)";
    }

    static String unexpected(Throwable e) {
        return "getorcreate processor failed on this element (please report it): " + e;
    }

    private static String component(String name) {
        return "Component `" + name + "`";
    }
}
