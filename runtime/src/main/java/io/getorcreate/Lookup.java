package io.getorcreate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Part of a unique lookup key. The components that share a {@link #value() name} form one composite
 * key, in declaration order; each key gets {@code getOrCreateBy...} and {@code findBy...} methods.
 * Lookup components are NOT NULL.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Lookup {
    /** The key's name; components with the same name form one key. */
    String value() default "";
}
