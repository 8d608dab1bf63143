package io.getorcreate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as one table. The annotation processor writes a {@code <Record>Dao} for it in the
 * same package.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Entity {
    /** The table name; defaults to the snake_case of the record's simple name ({@code OrderLine} is {@code order_line}). */
    String table() default "";
}
