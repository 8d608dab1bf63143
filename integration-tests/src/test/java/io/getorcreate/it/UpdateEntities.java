package io.getorcreate.it;

import io.getorcreate.Entity;
import io.getorcreate.Id;
import io.getorcreate.Lookup;

/** Records for update-or-create, on tables of their own. */
final class UpdateEntities {
    private UpdateEntities() {}

    @Entity(table = "uoc_account")
    record Account(@Id Long id, @Lookup String email, String name, String phone, Integer visits) {}
}
