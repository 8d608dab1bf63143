package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.getorcreate.Outcome;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class MariaDbLazyBulkAttackTest extends LazyBulkAttackTest {
    @Override
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.MARIADB;
    }

    @Override
    String sessionIdSql() {
        return "SELECT CONNECTION_ID()";
    }

    @Override
    String waitingOnSql() {
        return "SELECT COUNT(*) FROM information_schema.processlist WHERE DB = DATABASE() AND ID <> ? "
                + "AND INFO LIKE 'INSERT INTO%'";
    }

    /** Promise 12 on sessions whose transactions are read-only (SET SESSION TRANSACTION READ ONLY). */
    @Test
    void hitsOnAReadOnlySessionSucceed() {
        codes.getOrCreateAllByCode(List.of("a", "b"));
        try (HikariDataSource ro = pool(() -> {
            HikariConfig c = new HikariConfig();
            c.setConnectionInitSql("SET SESSION TRANSACTION READ ONLY");
            return c;
        })) {
            LazyAttackEntities_CodeDao dao = new LazyAttackEntities_CodeDao(Jdbi.create(ro));
            assertThat(dao.getOrCreateAllByCode(List.of("a", "b"))).extracting(Outcome::created).containsExactly(false, false);
            assertThat(dao.getOrCreateAllByCode(List.of("b"), (k, d) -> d.note("x"))).extracting(Outcome::created)
                    .containsExactly(false);
        }
    }
}
