package io.getorcreate.it;

import io.getorcreate.Entity;
import io.getorcreate.Id;
import io.getorcreate.Lookup;

/** Records for {@link MariaDbUpsertAttackTest}; its tests write the tables' DDL themselves. */
final class UpsertAttackEntities {
    private UpsertAttackEntities() {}

    @Entity(table = "ua_account")
    record UaAccount(@Id Long id, @Lookup String email, String name, String phone, Integer n, Long parentId) {}

    @Entity(table = "ua_item")
    record UaItem(@Id Long id, @Lookup("k") long tenant, @Lookup("k") String code, String label, Integer qty) {}

    @Entity(table = "ua_tag")
    record UaTag(@Lookup String name, String color) {}
}
