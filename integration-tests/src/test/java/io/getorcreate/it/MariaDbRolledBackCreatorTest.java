package io.getorcreate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.getorcreate.Outcome;
import io.getorcreate.TransactionRetryException;
import io.getorcreate.it.EdgeEntities.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MariaDB at READ COMMITTED: when a creator's transaction rolls back while other callers' transactions
 * wait on its key, InnoDB may pick deadlock victims among the waiters. Inside a caller's transaction that
 * is a TransactionRetryException, never a duplicate row, a second creator or another exception.
 */
class MariaDbRolledBackCreatorTest {
    private static final int WAITERS = 3;
    TestDatabase db;

    @BeforeEach
    void setUp() {
        db = TestDatabase.open(TestDatabase.Kind.MARIADB, WAITERS + 4);
        db.drop("code");
        db.exec("CREATE TABLE code (id BIGINT AUTO_INCREMENT PRIMARY KEY, code VARCHAR(20) NOT NULL, note VARCHAR(20), "
                + "CONSTRAINT code_code_key UNIQUE (code)) DEFAULT CHARSET=utf8mb4");
    }

    @AfterEach
    void tearDown() {
        if (db != null) {
            db.drop("code");
            db.close();
        }
    }

    @Test
    void waitersOnARolledBackCreatorGetOneRowOneCreatorOrARetry() throws Exception {
        EdgeEntities_CodeDao dao = new EdgeEntities_CodeDao(db.jdbi);
        dao.findByCode("warm-up"); // the schema check, outside the transactions below
        ExecutorService pool = Executors.newFixedThreadPool(WAITERS);
        try (Handle creator = db.jdbi.open()) {
            creator.begin();
            creator.execute("INSERT INTO code (code) VALUES ('k')");
            List<Long> waiterIds = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < WAITERS; i++) {
                Handle h = db.jdbi.open();
                waiterIds.add(h.createQuery("SELECT CONNECTION_ID()").mapTo(Long.class).one());
                results.add(pool.submit(() -> {
                    try (h) {
                        start.await();
                        h.begin();
                        h.setTransactionIsolationLevel(TransactionIsolationLevel.READ_COMMITTED);
                        try {
                            Outcome<Code> outcome = dao.on(h).getOrCreateByCode("k");
                            h.commit();
                            return outcome;
                        } catch (TransactionRetryException e) {
                            h.rollback();
                            return e;
                        } catch (RuntimeException e) {
                            h.rollback();
                            throw e;
                        }
                    }
                }));
            }
            start.countDown();
            awaitLockWaits(waiterIds, results);
            creator.rollback();
            int created = 0;
            for (Future<Object> result : results) {
                Object r = result.get(60, TimeUnit.SECONDS);
                if (r instanceof Outcome<?> outcome && outcome.created()) {
                    created++;
                }
                assertThat(r).isInstanceOfAny(Outcome.class, TransactionRetryException.class);
            }
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.count("code")).isEqualTo(1);
        assertThat(dao.getOrCreateByCode("k").created()).isFalse();
    }

    // Until every waiter's INSERT waits on the creator's lock; bounded, polling the server's own view.
    private void awaitLockWaits(List<Long> ids, List<Future<Object>> results) throws Exception {
        String in = ids.toString().replace('[', '(').replace(']', ')');
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            long waiting = db.jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM information_schema.INNODB_TRX "
                    + "WHERE trx_state = 'LOCK WAIT' AND trx_mysql_thread_id IN " + in).mapTo(Long.class).one());
            if (waiting == ids.size()) {
                return;
            }
            for (Future<Object> result : results) {
                if (result.isDone()) {
                    fail("a waiter finished before the creator rolled back: " + result.get());
                }
            }
            Thread.onSpinWait();
        }
        fail("the waiters never blocked on the creator's row");
    }
}
