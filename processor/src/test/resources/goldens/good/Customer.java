package shop;

import io.getorcreate.*;

@Entity
public record Customer(@Id Long id, @Lookup String email, String name, String phone) {}
