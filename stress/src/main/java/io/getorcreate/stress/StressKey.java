package io.getorcreate.stress;

import io.getorcreate.Entity;
import io.getorcreate.Id;
import io.getorcreate.Lookup;

/**
 * The one table every stress configuration hammers. {@code owner} is the tag of the call that inserted the
 * row (when it set one); {@code stampA} and {@code stampB} are the tag of the last call that wrote them, which
 * always writes both, so a row whose two stamps differ holds a mix of two calls' values.
 */
@Entity(table = "stress_key")
public record StressKey(@Id Long id, @Lookup String name, String owner, String stampA, String stampB) {}
