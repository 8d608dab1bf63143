package io.getorcreate.stress;

import static org.assertj.core.api.Assertions.assertThat;

import io.getorcreate.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checker fails when it should. */
class CheckerTest {
    private static final Config DAO = Config.parse("postgres-read_committed-dao");
    private static final Config CALLER_RR = Config.parse("postgres-repeatable_read-caller");

    private static final Config CALLER_RC = Config.parse("postgres-read_committed-caller");

    private static Event goc(String key, long id, boolean created) {
        return new Event("goc", key, id, created, "");
    }

    /** Position {@code pos} of bulk call {@code call}: asked for {@code key}, given the row of {@code got}. */
    private static Event all(String call, int pos, String key, String got, long id, boolean created) {
        return new Event(Event.BULK, call, pos, key, got, id, created, "");
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

    /** Two bulk calls and a single call over shared keys, in different orders, one key twice in one call. */
    private static List<Event> cleanBulkHistory() {
        return List.of(
                all("c1", 0, "a", "a", 1, true), all("c1", 1, "b", "b", 2, false), all("c1", 2, "a", "a", 1, false),
                all("c2", 0, "b", "b", 2, false), all("c2", 1, "a", "a", 1, false),
                new Event("goc", "c3", -1, "b", "b", 2, true, ""));
    }

    @Test
    void aCleanBulkHistoryPasses() {
        Checker.Report report = Checker.check(DAO, cleanBulkHistory(), Map.of("a", List.of(1L), "b", List.of(2L)),
                Map.of(1L, "c1", 2L, "c3"), false);
        assertThat(report.passed()).as(report.problems()).isTrue();
        assertThat(report.operations()).isEqualTo(3);
        assertThat(report.bulkCalls()).isEqualTo(2);
        assertThat(report.bulkKeys()).isEqualTo(5);
    }

    @Test
    void twoCreatorsOfOneKeyAcrossBulkAndSingleCallsFail() {
        Map<String, List<Long>> table = Map.of("a", List.of(1L));
        Checker.Report bulkAndSingle = Checker.check(DAO, List.of(all("c1", 0, "a", "a", 1, true),
                all("c1", 1, "b", "b", 2, true), goc("a", 1, true)), Map.of("a", List.of(1L), "b", List.of(2L)), false);
        assertThat(bulkAndSingle.doubleCreates()).containsExactly("a was created 2 times");
        assertThat(bulkAndSingle.passed()).isFalse();
        Checker.Report twoBulkCalls = Checker.check(DAO, List.of(all("c1", 0, "a", "a", 1, true),
                all("c2", 0, "a", "a", 1, true)), table, false);
        assertThat(twoBulkCalls.doubleCreates()).hasSize(1);
        Checker.Report twoPositionsOfOneCall = Checker.check(DAO, List.of(all("c1", 0, "a", "a", 1, true),
                all("c1", 1, "a", "a", 1, true)), table, false);
        assertThat(twoPositionsOfOneCall.doubleCreates()).hasSize(1);
        assertThat(twoPositionsOfOneCall.passed()).isFalse();
    }

    @Test
    void aBulkCallGivenAnotherKeysRowOrNoRowAtAPositionFails() {
        Map<String, List<Long>> table = Map.of("a", List.of(1L), "b", List.of(2L));
        // Position 1 asked for b and was given a's row (the ids agree with what a's callers were told).
        Checker.Report swapped = Checker.check(DAO, List.of(all("c1", 0, "a", "a", 1, false),
                all("c1", 1, "b", "a", 1, false)), table, false);
        assertThat(swapped.misaligned()).singleElement().asString().contains("asked for b, given a");
        assertThat(swapped.passed()).isFalse();
        // One outcome fewer than keys: the worker records the position as given nothing.
        List<Event> short1 = Worker.toldAll(Event.BULK, "c2", "", List.of("a", "b"),
                List.of(new Outcome<>(new StressKey(1L, "a", null, null, null), false)));
        assertThat(short1).extracting(Event::got).containsExactly("a", Worker.MISSING);
        Checker.Report missing = Checker.check(DAO, short1, table, false);
        assertThat(missing.misaligned()).hasSize(1);
        assertThat(missing.passed()).isFalse();
        // The created flag of a key asked twice in one call belongs to its first position.
        Checker.Report lateCreate = Checker.check(DAO, List.of(all("c3", 0, "a", "a", 1, false),
                all("c3", 1, "a", "a", 1, true)), table, false);
        assertThat(lateCreate.misaligned()).singleElement().asString().contains("later position");
        assertThat(lateCreate.passed()).isFalse();
    }

    @Test
    void aRowInsertedByACallThatWasNotToldSoFails() {
        // Bulk call c1 threw, yet a row it inserted (owner c1) is in the table: the call was not atomic.
        Event threw = new Event(Event.BULK, "c1", 0, "a,b", "", -1, false, "TransactionRetryException");
        Map<String, List<Long>> table = Map.of("a", List.of(1L));
        Checker.Report report = Checker.check(CALLER_RR, List.of(threw), table, Map.of(1L, "c1"), false);
        assertThat(report.unreported()).singleElement().asString().contains("inserted by call c1");
        assertThat(report.passed()).isFalse();
        // Told found although it inserted the row: also a violation when no connection was lost.
        Checker.Report toldFound = Checker.check(CALLER_RC, List.of(all("c2", 0, "a", "a", 1, false)), table,
                Map.of(1L, "c2"), true);
        assertThat(toldFound.unreported()).hasSize(1);
        // The same after the caller's connection was lost at COMMIT: the acknowledgement may have been lost.
        Event killed = new Event(Event.BULK, "c2", 0, "a", "", -1, false, Worker.CONNECTION + ":killed");
        Checker.Report afterKill = Checker.check(CALLER_RC, List.of(killed, all("c2", 0, "a", "a", 1, false)), table,
                Map.of(1L, "c2"), true);
        assertThat(afterKill.passed()).as(afterKill.problems()).isTrue();
        assertThat(afterKill.unacknowledged()).hasSize(1);
    }

    @Test
    void aBulkCallsExceptionsFollowTheSameContract() {
        Event retry = new Event(Event.BULK, "c1", 0, "a,b,c", "", -1, false, "TransactionRetryException");
        assertThat(Checker.check(CALLER_RR, List.of(retry), Map.of(), false).passed()).isTrue();
        assertThat(Checker.check(DAO, List.of(retry), Map.of(), false).passed()).isFalse();
        assertThat(Checker.check(CALLER_RC, List.of(retry), Map.of(), false).passed()).isFalse();
        Event unique = new Event(Event.BULK, "c1", 0, "a,b", "", -1, false, "IntegrityViolationException:UNIQUE");
        Checker.Report report = Checker.check(DAO, List.of(unique), Map.of(), true);
        assertThat(report.passed()).isFalse();
        assertThat(report.bulkKeys()).isEqualTo(2);
    }

    @Test
    void historiesRoundTrip() {
        Event e = all("p1t2o3", 4, "k5", "k5", 6, true);
        assertThat(Event.parse(e.format())).isEqualTo(e);
        Event u = uoc("p1t2o4", "k5", 6, false, true, "p1t2o4/p1t2o4");
        assertThat(Event.parse(u.format())).isEqualTo(u);
    }

    /** updateOrCreate call {@code call} on {@code key}, which wrote its tag as its stamp, was given back {@code returned}. */
    private static Event uoc(String call, String key, long id, boolean created, boolean updated, String returned) {
        return new Event(Event.UPDATE, call, -1, key, key, id, created, "", updated, call, returned);
    }

    /** getOrCreate call {@code call} with defaults (stamp = its tag). */
    private static Event gocStamped(String call, String key, long id, boolean created) {
        return new Event("goc", call, -1, key, key, id, created, "", false, call,
                created ? Event.stamps(call, call) : "");
    }

    /** g created a, u1 and u2 updated it, u2 last; the table holds u2's stamp in both columns. */
    private static List<Event> cleanUpdateHistory() {
        return List.of(gocStamped("g", "a", 1, true), uoc("u1", "a", 1, false, true, "u1/u1"),
                uoc("u2", "a", 1, false, true, "u2/u2"), uoc("u3", "b", 2, true, false, "u3/u3"));
    }

    private static final Map<String, List<Long>> AB = Map.of("a", List.of(1L), "b", List.of(2L));

    @Test
    void aCleanUpdateHistoryPasses() {
        Checker.Report report = Checker.check(DAO, cleanUpdateHistory(), AB, Map.of(1L, "g", 2L, "u3"),
                Map.of(1L, "u2/u2", 2L, "u3/u3"), false);
        assertThat(report.passed()).as(report.problems()).isTrue();
        assertThat(report.updateCalls()).isEqualTo(3);
        assertThat(report.updateOutcomes()).containsEntry("created", 1L).containsEntry("updated", 2L);
    }

    @Test
    void aRowHoldingAMixOfTwoCallsStampsFails() {
        Checker.Report report = Checker.check(DAO, cleanUpdateHistory(), AB, Map.of(1L, "g", 2L, "u3"),
                Map.of(1L, "u1/u2", 2L, "u3/u3"), false);
        assertThat(report.stampViolations()).singleElement().asString().contains("a mix of two calls' values");
        assertThat(report.passed()).isFalse();
        // A column left at its default beside another call's stamp is a mix too.
        Checker.Report half = Checker.check(DAO, cleanUpdateHistory(), AB, Map.of(1L, "g", 2L, "u3"),
                Map.of(1L, "u2/u2", 2L, "/u3"), false);
        assertThat(half.stampViolations()).singleElement().asString().contains("b (id 2)");
    }

    @Test
    void aRowHoldingAStampNoUpdateCouldHaveLeftFails() {
        // The creator's stamp after an update was acknowledged: the update was lost.
        Checker.Report lostUpdate = Checker.check(DAO, cleanUpdateHistory(), AB, Map.of(1L, "g", 2L, "u3"),
                Map.of(1L, "g/g", 2L, "u3/u3"), false);
        assertThat(lostUpdate.stampViolations()).singleElement().asString().contains("holds stamp g of a create");
        assertThat(lostUpdate.passed()).isFalse();
        // The stamp of a call that never wrote this key.
        Checker.Report foreign = Checker.check(DAO, cleanUpdateHistory(), AB, Map.of(1L, "g", 2L, "u3"),
                Map.of(1L, "u3/u3", 2L, "u3/u3"), false);
        assertThat(foreign.stampViolations()).singleElement().asString().contains("of no call that wrote it");
    }

    @Test
    void twoCreatorsAcrossUpdateOrCreateAndGetOrCreateFail() {
        List<Event> history = List.of(gocStamped("g", "a", 1, true), uoc("u1", "a", 1, true, false, "u1/u1"));
        Checker.Report report = Checker.check(DAO, history, Map.of("a", List.of(1L)), Map.of(1L, "g"),
                Map.of(1L, "u1/u1"), false);
        assertThat(report.doubleCreates()).containsExactly("a was created 2 times");
        assertThat(report.passed()).isFalse();
        Checker.Report twoUpdates = Checker.check(DAO, List.of(uoc("u1", "a", 1, true, false, "u1/u1"),
                uoc("u2", "a", 1, true, false, "u2/u2")), Map.of("a", List.of(1L)), Map.of(), Map.of(1L, "u2/u2"), false);
        assertThat(twoUpdates.doubleCreates()).hasSize(1);
        assertThat(twoUpdates.passed()).isFalse();
    }

    @Test
    void anUpdateOrCreateGivenBackAnotherStampOrToldUnchangedFails() {
        Map<String, List<Long>> table = Map.of("a", List.of(1L));
        Checker.Report notOwn = Checker.check(DAO, List.of(uoc("u1", "a", 1, true, false, "u1/u1"),
                uoc("u2", "a", 1, false, true, "u1/u2")), table, Map.of(), Map.of(1L, "u2/u2"), false);
        assertThat(notOwn.stampViolations()).singleElement().asString().contains("not its own u2");
        assertThat(notOwn.passed()).isFalse();
        List<Event> unchanged = List.of(uoc("u1", "a", 1, true, false, "u1/u1"), uoc("u2", "a", 1, false, false, "u2/u2"));
        Checker.Report noFaults = Checker.check(DAO, unchanged, table, Map.of(), Map.of(1L, "u2/u2"), false);
        assertThat(noFaults.stampViolations()).singleElement().asString().contains("told unchanged");
        // Under faults a DAO-owned call may have committed an attempt unseen and then found its own stamp.
        Checker.Report underFaults = Checker.check(DAO, unchanged, table, Map.of(), Map.of(1L, "u2/u2"), true);
        assertThat(underFaults.passed()).as(underFaults.problems()).isTrue();
        assertThat(underFaults.updateOutcomes()).containsEntry("unchanged", 1L);
        // A getOrCreate is never told updated.
        Event gocUpdated = new Event("goc", "g", -1, "a", "a", 1, false, "", true, "", "");
        assertThat(Checker.check(DAO, List.of(gocUpdated), table, false).stampViolations()).hasSize(1);
    }

    @Test
    void aCallersUpdateOrCreateMayBeToldToRetryOnMariaDbOnly() {
        Event retry = new Event(Event.UPDATE, "u1", -1, "a", "", -1, false, "TransactionRetryException", false, "u1", "");
        Config mariaRc = Config.parse("mariadb-read_committed-caller");
        assertThat(Checker.check(mariaRc, List.of(retry), Map.of(), false).passed()).isTrue();
        assertThat(Checker.check(CALLER_RC, List.of(retry), Map.of(), false).passed()).isFalse();
        assertThat(Checker.check(Config.parse("mariadb-read_committed-dao"), List.of(retry), Map.of(), false).passed())
                .isFalse();
    }

    /**
     * Position {@code pos} of updateOrCreateAll call {@code call} on {@code key} (stamp = its tag), told
     * {@code created}/{@code updated}, given back a row with stamps {@code returned}.
     */
    private static Event uall(String call, int pos, String key, long id, boolean created, boolean updated,
            String returned) {
        return new Event(Event.UPDATE_ALL, call, pos, key, key, id, created, "", updated, call, returned);
    }

    /**
     * v1 creates a, updates b (created by g) and holds a again at position 2, unchanged; then v2 (in another
     * order) updates both, then u1 updates b; the table holds v2's stamp on a and u1's on b.
     */
    private static List<Event> cleanUpdateAllHistory() {
        return List.of(gocStamped("g", "b", 2, true),
                uall("v1", 0, "a", 1, true, false, "v1/v1"), uall("v1", 1, "b", 2, false, true, "v1/v1"),
                uall("v1", 2, "a", 1, false, false, "v1/v1"),
                uall("v2", 0, "b", 2, false, true, "v2/v2"), uall("v2", 1, "a", 1, false, true, "v2/v2"),
                uoc("u1", "b", 2, false, true, "u1/u1"));
    }

    @Test
    void aCleanUpdateAllHistoryPasses() {
        Checker.Report report = Checker.check(DAO, cleanUpdateAllHistory(), AB, Map.of(2L, "g"),
                Map.of(1L, "v2/v2", 2L, "u1/u1"), false);
        assertThat(report.passed()).as(report.problems()).isTrue();
        assertThat(report.operations()).isEqualTo(4);
        assertThat(report.updateAllCalls()).isEqualTo(2);
        assertThat(report.updateAllKeys()).isEqualTo(5);
        assertThat(report.updateAllOutcomes()).containsEntry("created", 1L).containsEntry("updated", 3L)
                .containsEntry("unchanged", 1L);
        assertThat(report.bulkCalls()).isZero();
    }

    @Test
    void aRepeatedKeysLaterPositionToldCreatedOrUpdatedFails() {
        Checker.Report created = Checker.check(DAO, List.of(uall("v1", 0, "a", 1, true, false, "v1/v1"),
                uall("v1", 1, "a", 1, true, false, "v1/v1")), Map.of("a", List.of(1L)), Map.of(), Map.of(1L, "v1/v1"),
                false);
        assertThat(created.doubleCreates()).hasSize(1);
        assertThat(created.misaligned()).singleElement().asString().contains("later position");
        assertThat(created.passed()).isFalse();
        Checker.Report updated = Checker.check(DAO, List.of(uall("v1", 0, "a", 1, true, false, "v1/v1"),
                uall("v1", 1, "a", 1, false, true, "v1/v1")), Map.of("a", List.of(1L)), Map.of(), Map.of(1L, "v1/v1"),
                false);
        assertThat(updated.stampViolations()).singleElement().asString().contains("later position");
        assertThat(updated.passed()).isFalse();
    }

    @Test
    void anUpdateAllPositionGivenBackAnotherStampOrToldUnchangedFails() {
        Map<String, List<Long>> table = Map.of("a", List.of(1L));
        // Position 1 was given back the row as another call left it, not as its own update did.
        Checker.Report notOwn = Checker.check(DAO, List.of(uoc("u1", "a", 1, true, false, "u1/u1"),
                uall("v1", 0, "b", 2, true, false, "v1/v1"), uall("v1", 1, "a", 1, false, true, "u1/u1")),
                AB, Map.of(), Map.of(1L, "v1/v1", 2L, "v1/v1"), false);
        assertThat(notOwn.stampViolations()).singleElement().asString().contains("not its call's v1");
        assertThat(notOwn.passed()).isFalse();
        // A first position told unchanged, although no other call writes its stamp and no connection was lost.
        List<Event> unchanged = List.of(uoc("u1", "a", 1, true, false, "u1/u1"),
                uall("v1", 0, "a", 1, false, false, "v1/v1"));
        Checker.Report noFaults = Checker.check(DAO, unchanged, table, Map.of(), Map.of(1L, "v1/v1"), false);
        assertThat(noFaults.stampViolations()).singleElement().asString().contains("told unchanged");
        Checker.Report underFaults = Checker.check(DAO, unchanged, table, Map.of(), Map.of(1L, "v1/v1"), true);
        assertThat(underFaults.passed()).as(underFaults.problems()).isTrue();
    }

    @Test
    void twoCreatorsAcrossUpdateAllAndOtherCallsFail() {
        // Told created by an updateOrCreateAll position and by a getOrCreate.
        Checker.Report withSingle = Checker.check(DAO, List.of(uall("v1", 0, "a", 1, true, false, "v1/v1"),
                uoc("u1", "a", 1, true, false, "u1/u1")), Map.of("a", List.of(1L)), Map.of(), Map.of(1L, "u1/u1"),
                false);
        assertThat(withSingle.doubleCreates()).containsExactly("a was created 2 times");
        assertThat(withSingle.passed()).isFalse();
        // Told created by v1 alone, but the row's owner says the create c inserted it (and c was not told so:
        // its acknowledgement lost under faults, which alone is allowed).
        Checker.Report ownedByAnother = Checker.check(DAO, List.of(uall("v1", 0, "a", 1, true, false, "v1/v1"),
                new Event("create", "c", -1, "a", "", -1, false, Worker.CONNECTION + ":killed", false, "c", "")),
                Map.of("a", List.of(1L)), Map.of(1L, "c"), Map.of(1L, "v1/v1"), true);
        assertThat(ownedByAnother.doubleCreates()).singleElement().asString().contains("inserted by call c");
        assertThat(ownedByAnother.passed()).isFalse();
    }

    @Test
    void aRowLosingAnAcknowledgedUpdateAllFails() {
        // The creator's stamp after v1 and v2 were told they wrote the key: their updates were lost.
        Checker.Report lost = Checker.check(DAO, cleanUpdateAllHistory(), AB, Map.of(2L, "g"),
                Map.of(1L, "v2/v2", 2L, "g/g"), false);
        assertThat(lost.stampViolations()).singleElement().asString().contains("holds stamp g of a create");
        assertThat(lost.passed()).isFalse();
        // Half of one position's values: a mix.
        Checker.Report mix = Checker.check(DAO, cleanUpdateAllHistory(), AB, Map.of(2L, "g"),
                Map.of(1L, "v1/v2", 2L, "u1/u1"), false);
        assertThat(mix.stampViolations()).singleElement().asString().contains("a mix of two calls' values");
    }

    @Test
    void aFailedUpdateAllFollowsTheContractOfBulkCalls() {
        Event retry = new Event(Event.UPDATE_ALL, "v1", 0, "a,b,a", "", -1, false, "TransactionRetryException", false,
                "v1", "");
        assertThat(Checker.check(CALLER_RR, List.of(retry), Map.of(), false).passed()).isTrue();
        assertThat(Checker.check(CALLER_RC, List.of(retry), Map.of(), false).passed()).isFalse();
        assertThat(Checker.check(Config.parse("mariadb-read_committed-caller"), List.of(retry), Map.of(), false)
                .passed()).isTrue();
        assertThat(Checker.check(DAO, List.of(retry), Map.of(), false).passed()).isFalse();
        // Key after key (H2, MariaDB), two calls in different orders can deadlock (docs/limits.md): a caller's
        // transaction may be told to retry there, a DAO-owned call never gives up.
        assertThat(Checker.check(Config.parse("h2-read_committed-caller"), List.of(retry), Map.of(), false)
                .passed()).isTrue();
        assertThat(Checker.check(Config.parse("h2-read_committed-dao"), List.of(retry), Map.of(), false)
                .passed()).isFalse();
        Checker.Report report = Checker.check(CALLER_RR, List.of(retry), Map.of(), false);
        assertThat(report.updateAllCalls()).isEqualTo(1);
        assertThat(report.updateAllKeys()).isEqualTo(3);
        // Recorded positions round-trip through the history file.
        List<Event> told = Worker.toldAll(Event.UPDATE_ALL, "v2", "v2", List.of("a", "a"), List.of(
                new Outcome<>(new StressKey(1L, "a", null, "v2", "v2"), true, false),
                new Outcome<>(new StressKey(1L, "a", null, "v2", "v2"), false, false)));
        assertThat(told).extracting(e -> Event.parse(e.format())).isEqualTo(told);
        Checker.Report clean = Checker.check(DAO, told, Map.of("a", List.of(1L)), Map.of(), Map.of(1L, "v2/v2"), false);
        assertThat(clean.passed()).as(clean.problems()).isTrue();
    }
}
