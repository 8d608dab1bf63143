package shop;

import io.getorcreate.*;

/** One composite key of two components; a JSpecify-style type-use @NonNull. */
@Entity
public record Post(@Id long id, @Lookup("post") long categoryId, @Lookup("post") String title, @NonNull String body) {}

@java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE_USE)
@interface NonNull {}
