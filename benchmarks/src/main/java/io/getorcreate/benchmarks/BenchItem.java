package io.getorcreate.benchmarks;

import io.getorcreate.Entity;
import io.getorcreate.Id;
import io.getorcreate.Lookup;

/** The one table every contender works on. */
@Entity(table = "bench_item")
public record BenchItem(@Id Long id, @Lookup String name, String note) {}
