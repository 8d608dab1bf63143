package io.getorcreate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes the column of a record component. Without it, the column is named the snake_case of the
 * component's name ({@code categoryId} is {@code category_id}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Column {
    /**
     * The column's name, used as written (quoted in the case the database folds unquoted names to).
     *
     * @return a valid SQL identifier: letters, digits and underscores, starting with a letter or an
     *     underscore, at most 63 characters
     */
    String name();
}
