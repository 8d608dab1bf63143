package io.getorcreate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnSetTest {
    private static List<Integer> members(ColumnSet set) {
        List<Integer> members = new ArrayList<>();
        for (int c = set.first(); c >= 0; c = set.next(c)) {
            members.add(c);
        }
        return members;
    }

    @Test
    void iteratesInColumnOrderUpToTheSixtyFourthColumn() {
        ColumnSet set = ColumnSet.of(List.of(63, 0, 5));
        assertThat(members(set)).containsExactly(0, 5, 63);
        assertThat(set.size()).isEqualTo(3);
        assertThat(members(ColumnSet.all(64))).hasSize(64);
        assertThat(members(ColumnSet.all(3))).containsExactly(0, 1, 2);
        assertThat(members(ColumnSet.EMPTY)).isEmpty();
    }

    @Test
    void setOperations() {
        ColumnSet key = ColumnSet.of(List.of(1));
        ColumnSet row = key.with(2).with(4);
        assertThat(row.minus(key)).isEqualTo(ColumnSet.of(List.of(2, 4)));
        assertThat(row.without(4).contains(4)).isFalse();
        assertThat(key.union(ColumnSet.of(List.of(3)))).isEqualTo(ColumnSet.of(List.of(1, 3)));
        assertThat(ColumnSet.EMPTY.isEmpty()).isTrue();
        assertThat(row).hasToString("{1, 2, 4}");
    }
}
