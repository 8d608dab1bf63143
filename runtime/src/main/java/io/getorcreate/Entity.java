package io.getorcreate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as one table. The annotation processor writes a DAO for it in the same package:
 * {@code CustomerDao} for {@code record Customer}, {@code Shop_CustomerDao} for a record
 * {@code Customer} nested in {@code Shop}.
 *
 * <p>The record needs at least one {@link Lookup} component and may have one {@link Id}. It must not
 * be generic, local or private (nor nested in a private type).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Entity {
    /**
     * The table's name.
     *
     * @return the table name; empty (the default) for the snake_case of the record's simple name
     *     ({@code OrderLine} is {@code order_line})
     */
    String table() default "";
}
