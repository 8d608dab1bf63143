package io.getorcreate.it;

import io.getorcreate.Entity;
import io.getorcreate.Id;
import io.getorcreate.Lookup;

/** Records for {@link LazyBulkAttackTest}: hand-written tables, named lzatk_* so that no other test shares them. */
final class LazyAttackEntities {
    private LazyAttackEntities() {}

    enum Size { SMALL, LARGE }

    @Entity(table = "lzatk_shirt")
    record Shirt(@Id Long id, @Lookup String name, Size size) {}

    @Entity(table = "lzatk_code")
    record Code(@Id Long id, @Lookup String code, String note) {}
}
