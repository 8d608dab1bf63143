package io.getorcreate;

import java.util.Objects;

/**
 * What a get-or-create or an update-or-create returned: the row as the database stores it, whether this
 * call created it, and whether this call changed a stored value of a row it found.
 *
 * @param entity the row, never null
 * @param created true if this call inserted the row, false if it found one
 * @param updated true if this call found the row and changed at least one of its stored values; never
 *     true together with {@code created}, and never true for a get-or-create
 * @param <T> the entity record
 */
public record Outcome<T>(T entity, boolean created, boolean updated) {
    public Outcome {
        Objects.requireNonNull(entity, "entity");
        if (created && updated) {
            throw new IllegalArgumentException("an outcome is created or updated, never both");
        }
    }

    /** An outcome that updated nothing: what a get-or-create returns. */
    public Outcome(T entity, boolean created) {
        this(entity, created, false);
    }
}
