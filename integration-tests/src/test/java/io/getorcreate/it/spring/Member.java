package io.getorcreate.it.spring;

import io.getorcreate.Entity;
import io.getorcreate.Id;
import io.getorcreate.Lookup;

/** docs/spring.md's member of one team; its table name is unique to the Spring tests, which drop it. */
@Entity(table = "spring_member")
public record Member(@Id Long id, @Lookup String email, long teamId) {}
