package io.getorcreate.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fault injector kills only its own run's connections: never another run's, nor one opened to the
 * shared database by someone else. Needs the servers: skipped with a message when one is unreachable,
 * failed under CI=true.
 */
class FaultInjectorTest {
    @ParameterizedTest
    @EnumSource(value = Config.Db.class, names = {"POSTGRES", "MARIADB"})
    void killsOnlyTheRunsOwnConnections(Config.Db db) throws SQLException {
        String shared = StressMain.baseUrl(db);
        requireReachable(db, shared);
        try (RunSchema mine = RunSchema.create(db, shared, RunSchema.newRunId());
                RunSchema theirs = RunSchema.create(db, shared, RunSchema.newRunId());
                Connection own = DriverManager.getConnection(mine.url);
                Connection outsider = DriverManager.getConnection(shared);
                Connection otherRun = DriverManager.getConnection(theirs.url)) {
            assertThat(mine.name).isNotEqualTo(theirs.name);
            FaultInjector injector = new FaultInjector(db, mine.url, mine.marker, 300, -1); // not started: one kill per call
            assertThat(injector.killOne()).as("a kill of the run's one connection").isTrue();
            for (int i = 0; i < 3; i++) {
                injector.killOne(); // nothing of this run is left to kill; nothing else may be killed
            }
            assertThat(own.isValid(5)).as("the run's own connection").isFalse();
            assertThat(outsider.isValid(5)).as("a connection to the shared database").isTrue();
            assertThat(otherRun.isValid(5)).as("another run's connection").isTrue();
        }
    }

    private static void requireReachable(Config.Db db, String url) {
        DriverManager.setLoginTimeout(3);
        try (Connection c = DriverManager.getConnection(url)) {
            return;
        } catch (SQLException e) {
            String message = db + " is unreachable at " + url + " (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + "; under CI=true its tests must run, not skip");
            }
            System.err.println("SKIPPED: " + message + "; set GETORCREATE_" + db + "_URL or start the server");
            Assumptions.abort(message);
        }
    }
}
