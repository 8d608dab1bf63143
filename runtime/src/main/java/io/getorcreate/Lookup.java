package io.getorcreate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a component as (part of) a unique lookup key. Each key gets its own
 * {@code getOrCreateBy...} and {@code findBy...} methods, named after its components.
 *
 * <ul>
 *   <li>{@code @Lookup} without a name is a key of that one component:
 *       {@code @Lookup String email, @Lookup String username} are two keys, as two
 *       {@code unique=True} fields are in Django.</li>
 *   <li>Components whose {@code @Lookup} carries the same name form one composite key, in
 *       declaration order: {@code @Lookup("slug") long tenantId, @Lookup("slug") String slug}
 *       gives {@code getOrCreateByTenantIdAndSlug(long, String)}.</li>
 * </ul>
 *
 * <p>Every entity has at least one key, and the database must back each key with a unique
 * constraint or unique index on exactly its columns (the DAO checks). Lookup components are NOT NULL;
 * {@code float}, {@code double} and their boxes cannot be lookup components, since databases store
 * them inexactly and an equal lookup could miss.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Lookup {
    /**
     * The key's name.
     *
     * @return the name shared by the components of one composite key; empty (the default) for a key
     *     of this component alone
     */
    String value() default "";
}
