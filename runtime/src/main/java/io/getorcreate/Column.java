package io.getorcreate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a component maps to its column. Every attribute is optional; an attribute on a type it does
 * not fit is a compile error. Left unset, {@code createTable()} picks a type that holds every value
 * of the component exactly where the database can.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Column {
    /** The column name; empty (the default) for the snake_case of the component name. */
    String name() default "";

    /**
     * For {@code String} and {@code byte[]}: the most characters (bytes) the column holds, so that
     * {@code createTable()} declares {@code VARCHAR(length)} ({@code VARBINARY(length)}). At least
     * 1; -1 (the default) leaves it unset.
     */
    int length() default -1;

    /**
     * For {@code BigDecimal}: the most digits the column holds, so that {@code createTable()}
     * declares {@code DECIMAL(precision, scale)}. At least 1; -1 (the default) leaves it unset.
     */
    int precision() default -1;

    /**
     * For {@code BigDecimal}: the digits after the decimal point, from 0 to {@link #precision()};
     * needs a precision. -1 (the default) is 0 when a precision is given.
     */
    int scale() default -1;
}
