package io.getorcreate.benchmarks;

import java.util.Optional;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** A hand-written JDBI SqlObject DAO doing the same get-or-create. */
public interface SqlObjectItems {
    @SqlQuery("SELECT id FROM bench_item WHERE name = :name")
    Optional<Long> find(@Bind("name") String name);

    @SqlUpdate("INSERT INTO bench_item (name) VALUES (:name)")
    @GetGeneratedKeys("id")
    long insert(@Bind("name") String name);

    default long getOrCreate(String name) {
        return find(name).orElseGet(() -> {
            try {
                return insert(name);
            } catch (UnableToExecuteStatementException e) {
                return find(name).orElseThrow(() -> e);
            }
        });
    }
}
