package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.getorcreate.IntegrityViolationException;
import io.getorcreate.Outcome;
import io.getorcreate.it.spring.Member;
import io.getorcreate.it.spring.MemberDao;
import io.getorcreate.it.spring.Membership;
import io.getorcreate.it.spring.Team;
import io.getorcreate.it.spring.TeamDao;
import io.getorcreate.it.spring.TeamsConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.spring.JdbiFactoryBean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Promise 13 with real Spring transactions on one database: a DAO built on a Spring-aware {@code Jdbi}
 * joins the transaction that Spring began, and never commits or rolls it back; outside one it still
 * commits its own work. Each test runs for both wirings: jdbi3-spring's {@code JdbiFactoryBean}, and
 * {@code Jdbi.create} over a {@code TransactionAwareDataSourceProxy}.
 */
abstract class SpringTransactionTest {
    private static final String[] TABLES = {"spring_member", "spring_team"};
    private static final String INSERT = "INSERT INTO spring_team (name) VALUES (?)";

    enum Wiring {
        JDBI3_SPRING {
            @Override
            Jdbi jdbi(DataSource dataSource) throws Exception {
                JdbiFactoryBean factory = new JdbiFactoryBean(dataSource);
                factory.afterPropertiesSet();
                return factory.getObject();
            }
        },
        TRANSACTION_AWARE_PROXY {
            @Override
            Jdbi jdbi(DataSource dataSource) {
                return Jdbi.create(new TransactionAwareDataSourceProxy(dataSource));
            }
        };

        abstract Jdbi jdbi(DataSource dataSource) throws Exception;
    }

    TestDatabase db;
    JdbcTemplate jdbc;
    TransactionTemplate transaction;

    abstract TestDatabase.Kind kind();

    @BeforeEach
    void setUp() {
        db = TestDatabase.open(kind(), 8);
        db.drop(TABLES);
        new TeamDao(db.jdbi).createTable();
        new MemberDao(db.jdbi).createTable();
        jdbc = new JdbcTemplate(db.dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource));
    }

    @AfterEach
    void tearDown() {
        if (db != null) {
            db.drop(TABLES);
            db.close();
        }
    }

    /** (1) Spring rolls back: the DAO's rows go with the rows Spring's own code wrote before them. */
    @ParameterizedTest
    @EnumSource(Wiring.class)
    void springRollbackUndoesTheDaosWork(Wiring wiring) throws Exception {
        TeamDao teams = new TeamDao(wiring.jdbi(db.dataSource));
        transaction.executeWithoutResult(status -> {
            jdbc.update(INSERT, "earlier");
            assertThat(teams.getOrCreateByName("got").created()).isTrue();
            assertThat(teams.findByName("earlier")).as("the DAO is on Spring's connection").isPresent();
            teams.create(new Team(null, "created"));
            assertThat(teams.updateOrCreateByName("updated-or-created", v -> { }).created()).isTrue();
            assertThat(teams.getOrCreateAllByName(java.util.List.of("many-1", "many-2"))).hasSize(2);
            assertThat(teams.updateOrCreateAllByName(java.util.List.of("many-2", "many-3"), (k, v) -> { }))
                    .extracting(io.getorcreate.Outcome::created).containsExactly(false, true);
            jdbc.update(INSERT, "later");
            status.setRollbackOnly();
        });
        assertThat(teamNames()).as("Spring's rollback takes the bulk and update-or-create calls' rows too").isEmpty();

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            jdbc.update(INSERT, "earlier");
            teams.getOrCreateByName("got");
            throw new IllegalStateException("the application gives up");
        })).hasMessage("the application gives up");
        assertThat(teamNames()).isEmpty();
    }

    /** (2) A DAO call that fails inside Spring's transaction takes nothing else with it. */
    @ParameterizedTest
    @EnumSource(Wiring.class)
    void caughtIntegrityViolationKeepsTheTransactionsOtherWork(Wiring wiring) throws Exception {
        TeamDao teams = new TeamDao(wiring.jdbi(db.dataSource));
        transaction.executeWithoutResult(status -> {
            jdbc.update(INSERT, "before");
            assertThatThrownBy(() -> teams.create(new Team(null, "before")))
                    .isInstanceOfSatisfying(IntegrityViolationException.class,
                            e -> assertThat(e.kind()).isEqualTo(IntegrityViolationException.Kind.UNIQUE));
            assertThat(teams.getOrCreateByName("dao-after").created()).isTrue();
            jdbc.update(INSERT, "after");
        });
        assertThat(teamNames()).containsExactly("after", "before", "dao-after");

        transaction.executeWithoutResult(status -> {
            teams.getOrCreateByName("dao-first");
            assertThatThrownBy(() -> teams.create(new Team(null, "dao-first")))
                    .isInstanceOf(IntegrityViolationException.class);
            jdbc.update(INSERT, "second");
        });
        assertThat(teamNames()).containsExactly("after", "before", "dao-after", "dao-first", "second");
    }

    /**
     * (3) Outside a Spring transaction, on a pool that hands out autoCommit=false connections, the DAO
     * commits its own work: with no transaction, in a SUPPORTS scope that began none, and on a connection
     * that is not Spring's while a Spring transaction is open on another pool.
     */
    @ParameterizedTest
    @EnumSource(Wiring.class)
    void outsideSpringTransactionsTheDaoCommitsItsOwnWork(Wiring wiring) throws Exception {
        try (TestDatabase manual = TestDatabase.open(kind(), 2, false)) {
            TeamDao teams = new TeamDao(wiring.jdbi(manual.dataSource));
            teams.createTable(); // a fresh in-memory database on H2; already there elsewhere

            assertThat(teams.getOrCreateByName("alone").created()).isTrue();

            TransactionTemplate supports = new TransactionTemplate(new DataSourceTransactionManager(manual.dataSource));
            supports.setPropagationBehavior(TransactionDefinition.PROPAGATION_SUPPORTS);
            supports.executeWithoutResult(status -> assertThat(teams.getOrCreateByName("supports").created()).isTrue());

            TeamDao unaware = new TeamDao(manual.jdbi); // on the pool itself, not through Spring
            transaction.executeWithoutResult(status -> {
                assertThat(unaware.getOrCreateByName("beside").created()).isTrue();
                status.setRollbackOnly(); // a transaction on the other pool, which the DAO is not in
            });

            List<String> committed = names(manual);
            assertThat(committed).containsExactly("alone", "beside", "supports");
        }
    }

    /** (4) Callers racing for the same keys, each in its own Spring READ COMMITTED transaction. */
    @ParameterizedTest
    @EnumSource(Wiring.class)
    void lostRacesInsideSpringTransactions(Wiring wiring) throws Exception {
        TeamDao teams = new TeamDao(wiring.jdbi(db.dataSource));
        TransactionTemplate readCommitted = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource));
        readCommitted.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        int threads = 4;
        int keys = 10;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Outcome<Team>>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    List<Outcome<Team>> outcomes = new ArrayList<>();
                    for (int k = 0; k < keys; k++) {
                        String name = "race-" + k;
                        outcomes.add(readCommitted.execute(status -> {
                            Outcome<Team> outcome = teams.getOrCreateByName(name);
                            // more of the caller's work in the same transaction
                            jdbc.update(INSERT, name + "-" + Thread.currentThread().getId());
                            return outcome;
                        }));
                    }
                    return outcomes;
                }));
            }
            start.countDown();
            Map<String, List<Outcome<Team>>> byName = new HashMap<>();
            for (Future<List<Outcome<Team>>> future : futures) {
                for (Outcome<Team> outcome : future.get(60, TimeUnit.SECONDS)) {
                    byName.computeIfAbsent(outcome.entity().name(), n -> new ArrayList<>()).add(outcome);
                }
            }
            assertThat(byName).hasSize(keys);
            byName.forEach((name, outcomes) -> {
                assertThat(outcomes).as(name).hasSize(threads);
                assertThat(outcomes.stream().filter(Outcome::created)).as(name + ": one creator").hasSize(1);
                assertThat(outcomes.stream().map(o -> o.entity().id()).distinct()).as(name + ": one row").hasSize(1);
            });
            assertThat(db.count("spring_team")).isEqualTo(keys + (long) keys * threads);
        } finally {
            pool.shutdownNow();
        }
    }

    /** docs/spring.md's wiring as it stands, with @Transactional around the calls. */
    @Test
    void documentedWiringWithTransactionalMethods() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            // The application's DataSource; wrapped so that closing the context leaves the pool to the test.
            context.registerBean(DataSource.class, () -> new DelegatingDataSource(db.dataSource));
            context.register(TeamsConfig.class, Membership.class, Work.class);
            context.refresh();
            Membership membership = context.getBean(Membership.class);

            Member ada = membership.join("red", "ada@example.com");
            assertThat(membership.join("red", "ada@example.com")).isEqualTo(ada);
            assertThatThrownBy(() -> membership.join("blue", "ada@example.com"))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(teamNames()).as("the rolled-back call's new team is gone").containsExactly("red");

            Work work = context.getBean(Work.class);
            assertThatThrownBy(work::writeThenFail).isInstanceOf(IllegalStateException.class);
            assertThat(teamNames()).containsExactly("red");
            work.violationCaughtThenMoreWork();
            assertThat(teamNames()).containsExactly("after", "before", "red");
        }
    }

    /** More @Transactional work on the documented beans. */
    static class Work {
        private final TeamDao teams;
        private final JdbcTemplate jdbc;

        Work(TeamDao teams, DataSource dataSource) {
            this.teams = teams;
            this.jdbc = new JdbcTemplate(dataSource);
        }

        @Transactional
        public void writeThenFail() {
            jdbc.update(INSERT, "earlier");
            teams.getOrCreateByName("green");
            throw new IllegalStateException("rolls back");
        }

        @Transactional
        public void violationCaughtThenMoreWork() {
            jdbc.update(INSERT, "before");
            try {
                teams.create(new Team(null, "red"));
                throw new AssertionError("red exists: create must fail");
            } catch (IntegrityViolationException expected) {
                // the application goes on
            }
            teams.getOrCreateByName("after");
        }
    }

    private List<String> teamNames() {
        return names(db);
    }

    private static List<String> names(TestDatabase database) {
        return database.jdbi.withHandle(h -> h.createQuery("SELECT name FROM spring_team").mapTo(String.class).list())
                .stream().sorted().toList();
    }
}
