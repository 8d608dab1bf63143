package io.getorcreate.it.spring;

import io.getorcreate.Entity;
import io.getorcreate.Id;
import io.getorcreate.Lookup;

/** docs/spring.md's team; its table name is unique to the Spring tests, which drop it. */
@Entity(table = "spring_team")
public record Team(@Id Long id, @Lookup String name) {}
