package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.getorcreate.Outcome;
import io.getorcreate.it.EdgeEntities.Code;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL: update-or-create for many keys in one statement per chunk (and per round: a key repeated
 * in the input, by Java's equality or only by the column's collation, goes one round per occurrence).
 */
class PostgresUpdateOrCreateAllTest extends UpdateOrCreateAllTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }

    /** A DAO on this database whose connections count the statements they prepare. */
    private EdgeEntities_CodeDao counting(AtomicInteger prepared) {
        return new EdgeEntities_CodeDao(Jdbi.create(() -> {
            Connection real = db.dataSource.getConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().startsWith("prepare")) {
                            prepared.incrementAndGet();
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }));
    }

    @Test
    void oneStatementPerChunkOfAThousandKeys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            keys.add("k" + i);
            if (i % 3 != 2) {
                codes.getOrCreateByCode("k" + i, d -> d.note("old"));
            }
        }
        AtomicInteger prepared = new AtomicInteger();
        EdgeEntities_CodeDao dao = counting(prepared);
        dao.findByCode("warm-up"); // the schema check
        prepared.set(0);
        List<Outcome<Code>> outcomes = dao.updateOrCreateAllByCode(keys, (key, v) -> v.note(
                Integer.parseInt(key.substring(1)) % 3 == 0 ? "old" : "new"));
        // One per chunk of 1,000, and one that puts the keys in the database's order before they are cut.
        assertThat(prepared).as("statements for 2,500 keys").hasValue(4);
        for (int i = 0; i < keys.size(); i++) {
            Outcome<Code> o = outcomes.get(i);
            assertThat(o.entity().code()).isEqualTo(keys.get(i));
            assertThat(o.created()).as("created " + i).isEqualTo(i % 3 == 2);
            assertThat(o.updated()).as("updated " + i).isEqualTo(i % 3 == 1);
            assertThat(o.entity().note()).isEqualTo(i % 3 == 0 ? "old" : "new");
        }
        assertThat(db.count("code")).isEqualTo(2500);
    }

    @Test
    void keysTheCollationMakesOneAreUpdatedInInputOrder() {
        db.exec("CREATE COLLATION " + db.schema() + ".uoc_ci (provider = icu, locale = 'und-u-ks-level2', "
                + "deterministic = false)", "DROP TABLE code",
                "CREATE TABLE code (" + db.identity() + ", code VARCHAR(40) COLLATE " + db.schema() + ".uoc_ci NOT NULL, "
                        + "note VARCHAR(20), CONSTRAINT code_code_key UNIQUE (code))");
        codes = new EdgeEntities_CodeDao(db.jdbi);
        List<Outcome<Code>> outcomes = codes.updateOrCreateAllByCode(List.of("Alice", "bob", "ALICE", "alice", "BOB"),
                (key, v) -> v.note(key));
        assertThat(outcomes).extracting(Outcome::created).containsExactly(true, true, false, false, false);
        assertThat(outcomes).extracting(Outcome::updated).containsExactly(false, false, true, true, true);
        assertThat(outcomes).extracting(o -> o.entity().note()).containsExactly("Alice", "bob", "ALICE", "alice", "BOB");
        assertThat(outcomes).extracting(o -> o.entity().code()).containsExactly("Alice", "bob", "Alice", "Alice", "bob");
        assertThat(codes.findByCode("aLiCe").orElseThrow().note()).isEqualTo("alice");
        assertThat(db.count("code")).isEqualTo(2);
    }
}
