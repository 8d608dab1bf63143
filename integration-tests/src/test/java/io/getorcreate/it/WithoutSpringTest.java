package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.getorcreate.IntegrityViolationException;
import io.getorcreate.it.spring.Team;
import io.getorcreate.it.spring.TeamDao;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Spring is an optional dependency of the runtime: without it on the class path, a DAO on a pool that
 * hands out autoCommit=false connections still commits its own work. Runs in the POM's without-spring
 * Surefire execution, whose class path has no Spring; anywhere else it is skipped.
 */
class WithoutSpringTest {
    @Test
    void autoCommitFalsePoolWithoutSpringOnTheClassPath() {
        Assumptions.assumeFalse(springPresent(), "Spring is on the class path: the without-spring execution runs this");
        try (TestDatabase db = TestDatabase.open(TestDatabase.Kind.H2, 2, false)) {
            TeamDao teams = new TeamDao(db.jdbi);
            teams.createTable();
            assertThat(teams.getOrCreateByName("red").created()).isTrue();
            assertThatThrownBy(() -> teams.create(new Team(null, "red")))
                    .isInstanceOf(IntegrityViolationException.class);
            assertThat(teams.getOrCreateByName("red").created()).isFalse();
            List<String> names = db.jdbi.withHandle(
                    h -> h.createQuery("SELECT name FROM spring_team").mapTo(String.class).list());
            assertThat(names).containsExactly("red");
        }
    }

    private static boolean springPresent() {
        try {
            Class.forName("org.springframework.transaction.support.TransactionSynchronizationManager");
            return true;
        } catch (ClassNotFoundException absent) {
            return false;
        }
    }
}
