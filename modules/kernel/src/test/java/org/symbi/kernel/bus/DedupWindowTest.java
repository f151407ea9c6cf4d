package org.symbi.kernel.bus;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DedupWindowTest {

    @Test
    void aKeySeenBeforeIsADuplicateAndTheSameIdOfAnotherSenderIsNot() {
        DedupWindow w = new DedupWindow(1_000);
        assertThat(w.add(DedupWindow.key("a", "m-1"))).isTrue();
        assertThat(w.add(DedupWindow.key("a", "m-1"))).isFalse();
        assertThat(w.add(DedupWindow.key("b", "m-1"))).isTrue();
        assertThat(w.add(DedupWindow.key("a", "m-2"))).isTrue();
    }

    @Test
    void aRemovedKeyIsNewAgainAndTheOthersStay() {
        DedupWindow w = new DedupWindow(1_000);
        for (int i = 0; i < 500; i++) {
            w.add(DedupWindow.key("a", "m-" + i));
        }
        w.remove(DedupWindow.key("a", "m-250"));
        w.remove(DedupWindow.key("a", "never-added"));
        assertThat(w.add(DedupWindow.key("a", "m-250"))).isTrue();
        for (int i = 0; i < 500; i++) {
            assertThat(w.add(DedupWindow.key("a", "m-" + i))).as("m-" + i).isFalse();
        }
    }

    @Test
    void aFullWindowForgetsItsOldestKeysFirst() {
        int capacity = 32 * 100; // 100 per stripe
        DedupWindow w = new DedupWindow(capacity);
        for (int i = 0; i < capacity * 10; i++) {
            assertThat(w.add(DedupWindow.key("a", "m-" + i))).isTrue();
        }
        // the newest keys are all remembered; each stripe holds exactly its last 100
        int remembered = 0;
        for (int i = capacity * 10 - 1; i >= capacity * 10 - capacity / 2; i--) {
            assertThat(w.add(DedupWindow.key("a", "m-" + i))).as("m-" + i).isFalse();
        }
        for (int i = 0; i < capacity; i++) {
            if (!w.add(DedupWindow.key("a", "m-" + i))) {
                remembered++;
            }
        }
        assertThat(remembered).isZero();
    }

    /** Against a plain model of the same window: random adds, repeats and removes over many evictions. */
    @Test
    void behavesLikeABoundedInsertionOrderedSetPerStripe() {
        Random random = new Random(7);
        DedupWindow w = new DedupWindow(32 * 16);
        // one stripe's worth is modelled exactly by looking at keys the window says are new
        Set<String> everSeen = new HashSet<>();
        Deque<String> recent = new ArrayDeque<>();
        for (int i = 0; i < 200_000; i++) {
            String key = random.nextInt(4) == 0 && !recent.isEmpty()
                    ? recent.peekLast()
                    : DedupWindow.key("agent-" + random.nextInt(5), UUID.randomUUID().toString());
            boolean fresh = w.add(key);
            if (!everSeen.add(key)) {
                // the most recent key is always still remembered
                assertThat(fresh).as(key).isFalse();
            } else {
                assertThat(fresh).as(key).isTrue();
                recent.addLast(key);
                if (recent.size() > 8) {
                    recent.removeFirst();
                }
            }
            if (random.nextInt(50) == 0) {
                String gone = recent.pollLast();
                if (gone != null) {
                    w.remove(gone);
                    everSeen.remove(gone);
                }
            }
        }
    }

    @Test
    void manyDistinctKeysAreNeverTakenForDuplicates() {
        DedupWindow w = new DedupWindow(1_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            assertThat(w.add(DedupWindow.key("agent-" + (i % 10), Long.toString(i)))).isTrue();
        }
        for (int i = 999_000; i < 1_000_000; i++) {
            assertThat(w.add(DedupWindow.key("agent-" + (i % 10), Long.toString(i)))).isFalse();
        }
    }
}
