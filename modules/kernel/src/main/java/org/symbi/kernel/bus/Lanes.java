package org.symbi.kernel.bus;

import java.util.ArrayDeque;

/**
 * The four priority lanes of one inbox, drained by weighted round robin: in every round critical gets up
 * to 8 turns, high 4, normal 2 and low 1, so a busy critical lane slows low down but never starves it.
 * Not thread-safe: the owning {@link AgentInbox} guards it.
 */
final class Lanes {
    static final int COUNT = 4;
    static final int[] WEIGHTS = {8, 4, 2, 1};

    @SuppressWarnings("unchecked")
    private final ArrayDeque<BusMessage>[] lanes = new ArrayDeque[COUNT];
    private final int[] credit = WEIGHTS.clone();
    private int size;

    Lanes() {
        for (int i = 0; i < COUNT; i++) {
            lanes[i] = new ArrayDeque<>();
        }
    }

    void add(BusMessage m) {
        lanes[m.lane()].addLast(m);
        size++;
    }

    /** Puts a message back at the head of its lane, for redelivery before newer messages. */
    void addFirst(BusMessage m) {
        lanes[m.lane()].addFirst(m);
        size++;
    }

    /** The next message by weighted round robin, or null when all lanes are empty. */
    BusMessage next() {
        if (size == 0) {
            return null;
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int lane = 0; lane < COUNT; lane++) {
                if (credit[lane] > 0 && !lanes[lane].isEmpty()) {
                    credit[lane]--;
                    size--;
                    return lanes[lane].pollFirst();
                }
            }
            // Every non-empty lane has used its turns this round: start a new round.
            System.arraycopy(WEIGHTS, 0, credit, 0, COUNT);
        }
        throw new IllegalStateException("lanes report " + size + " messages but none was found");
    }

    int size() {
        return size;
    }

    int size(int lane) {
        return lanes[lane].size();
    }

    Iterable<BusMessage> lane(int lane) {
        return lanes[lane];
    }

    boolean removeIf(java.util.function.Predicate<BusMessage> filter) {
        boolean removed = false;
        for (ArrayDeque<BusMessage> lane : lanes) {
            int before = lane.size();
            if (lane.removeIf(filter)) {
                size -= before - lane.size();
                removed = true;
            }
        }
        return removed;
    }
}
