package io.getorcreate;

import java.util.Objects;

/**
 * What a DAO call returned: the row as the database stores it after the call, and what the call did
 * to it.
 *
 * <p>{@code getOrCreateBy...} reports {@code created} only; it never reports {@code updated}.
 * {@code updateOrCreateBy...} reports {@code created} when it inserted the row, and {@code updated}
 * when it found the row and changed at least one stored value. The two are never both true.
 *
 * @param entity the row as stored, never null
 * @param created true if this call inserted the row, false if the row already existed
 * @param updated true if this call changed a stored value of a row that already existed
 * @param <T> the entity record
 */
public record Outcome<T>(T entity, boolean created, boolean updated) {
    /**
     * Checks the outcome's invariants.
     *
     * @param entity the row as stored, never null
     * @param created true if this call inserted the row
     * @param updated true if this call changed a stored value of a row that already existed
     * @throws NullPointerException if {@code entity} is null
     * @throws IllegalArgumentException if {@code created} and {@code updated} are both true
     */
    public Outcome {
        Objects.requireNonNull(entity, "entity");
        if (created && updated) {
            throw new IllegalArgumentException("An outcome is created or updated, never both");
        }
    }

    /**
     * An outcome that updated nothing: what {@code getOrCreateBy...} returns.
     *
     * @param entity the row as stored, never null
     * @param created true if this call inserted the row, false if it found one
     * @throws NullPointerException if {@code entity} is null
     */
    public Outcome(T entity, boolean created) {
        this(entity, created, false);
    }
}
