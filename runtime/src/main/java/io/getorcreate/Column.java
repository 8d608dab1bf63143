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
    /**
     * The column's name, used as written (quoted in the case the database folds unquoted names to).
     *
     * @return a valid SQL identifier (letters, digits and underscores, starting with a letter or an
     *     underscore, at most 63 characters); empty (the default) for the snake_case of the component's name
     */
    String name() default "";

    /**
     * For {@code String} and {@code byte[]}: the most characters (bytes) the column holds, so that
     * {@code createTable()} declares {@code VARCHAR(length)} ({@code VARBINARY(length)}). At least
     * 1; -1 (the default) leaves it unset.
     *
     * @return the column's length, or -1
     */
    int length() default -1;

    /**
     * For {@code BigDecimal}: the most digits the column holds, so that {@code createTable()}
     * declares {@code DECIMAL(precision, scale)}. At least 1; -1 (the default) leaves it unset.
     *
     * @return the column's precision, or -1
     */
    int precision() default -1;

    /**
     * For {@code BigDecimal}: the digits after the decimal point, from 0 to {@link #precision()};
     * needs a precision. -1 (the default) is 0 when a precision is given.
     *
     * @return the column's scale, or -1
     */
    int scale() default -1;
}
