package io.getorcreate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a unique lookup key; each key gets {@code getOrCreateBy...} and {@code findBy...} methods
 * and, from {@code createTable()}, a UNIQUE constraint.
 *
 * <ul>
 *   <li>Without a value, a key of this one component: {@code @Lookup String email, @Lookup String
 *       username} are two keys, each unique on its own.
 *   <li>Components whose {@code @Lookup} carries the same name form one composite key, in
 *       declaration order: {@code @Lookup("slug") long tenantId, @Lookup("slug") String slug} is
 *       unique on the pair, and gives {@code getOrCreateByTenantIdAndSlug}.
 *   <li>A name that only one component carries is a one-component key with a name.
 * </ul>
 *
 * <p>Lookup components are NOT NULL. They cannot be {@code float}, {@code double} or their boxes:
 * databases store those inexactly, so an equal lookup could miss the row; use {@code BigDecimal}
 * or an integer type.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Lookup {
    /** The name of a composite key; components with the same name form one key. Empty: a key of this component alone. */
    String value() default "";
}
