package io.getorcreate.stress;

import io.getorcreate.Entity;
import io.getorcreate.Id;
import io.getorcreate.Lookup;

/** The one table every stress configuration hammers. */
@Entity(table = "stress_key")
public record StressKey(@Id Long id, @Lookup String name, String owner) {}
