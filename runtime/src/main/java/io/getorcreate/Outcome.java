package io.getorcreate;

import java.util.Objects;

/**
 * What a get-or-create returned: the row as the database stores it, and whether this call created it.
 *
 * @param entity the row, never null
 * @param created true if this call inserted the row, false if it found one
 * @param <T> the entity record
 */
public record Outcome<T>(T entity, boolean created) {
    public Outcome {
        Objects.requireNonNull(entity, "entity");
    }
}
