package io.getorcreate.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checker fails when it should. */
class CheckerTest {
    private static final Config DAO = Config.parse("postgres-read_committed-dao");
    private static final Config CALLER_RR = Config.parse("postgres-repeatable_read-caller");

    private static Event goc(String key, long id, boolean created) {
        return new Event("goc", key, id, created, "");
    }

    @Test
    void aCleanHistoryPasses() {
        Checker.Report report = Checker.check(DAO, List.of(goc("a", 1, true), goc("a", 1, false),
                new Event("find", "b", -1, false, ""), new Event("create", "a", -1, false,
                        "IntegrityViolationException:UNIQUE")), Map.of("a", List.of(1L)), false);
        assertThat(report.passed()).as(report.problems()).isTrue();
        assertThat(report.operations()).isEqualTo(4);
        assertThat(report.exceptions()).containsEntry("create IntegrityViolationException:UNIQUE", 1L);
    }

    @Test
    void aDuplicateRowFails() {
        Checker.Report report = Checker.check(DAO, List.of(goc("a", 1, true), goc("a", 1, false)),
                Map.of("a", List.of(1L, 2L)), false);
        assertThat(report.passed()).isFalse();
        assertThat(report.duplicates()).hasSize(1);
    }

    @Test
    void aLostAcknowledgedCreateFails() {
        Checker.Report report = Checker.check(DAO, List.of(goc("a", 7, true)), Map.of(), false);
        assertThat(report.passed()).isFalse();
        assertThat(report.lostCreates()).hasSize(1);
    }

    @Test
    void twoCreatorsOrTwoIdsFail() {
        Checker.Report twoCreators = Checker.check(DAO, List.of(goc("a", 1, true), goc("a", 1, true)),
                Map.of("a", List.of(1L)), false);
        assertThat(twoCreators.doubleCreates()).hasSize(1);
        Checker.Report twoIds = Checker.check(DAO, List.of(goc("a", 1, true), goc("a", 2, false)),
                Map.of("a", List.of(1L)), false);
        assertThat(twoIds.idDisagreements()).isNotEmpty();
        assertThat(twoIds.passed()).isFalse();
    }

    @Test
    void exceptionsOutsideTheContractFail() {
        Event retry = new Event("goc", "a", -1, false, "TransactionRetryException");
        assertThat(Checker.check(CALLER_RR, List.of(retry), Map.of(), false).passed()).isTrue();
        assertThat(Checker.check(DAO, List.of(retry), Map.of(), false).passed()).isFalse();
        Event lost = new Event("goc", "a", -1, false, Worker.CONNECTION);
        assertThat(Checker.check(DAO, List.of(lost), Map.of(), true).passed()).isTrue();
        assertThat(Checker.check(DAO, List.of(lost), Map.of(), false).passed()).isFalse();
        Event commitRefused = new Event("goc", "a", -1, false, Worker.CALLER_TX + ":SERIALIZATION:commit");
        assertThat(Checker.check(CALLER_RR, List.of(commitRefused), Map.of(), false).passed()).isTrue();
        assertThat(Checker.check(DAO, List.of(commitRefused), Map.of(), false).passed()).isFalse();
        Event unique = new Event("goc", "a", -1, false, "IntegrityViolationException:UNIQUE");
        assertThat(Checker.check(DAO, List.of(unique), Map.of(), true).passed()).isFalse();
    }
}
