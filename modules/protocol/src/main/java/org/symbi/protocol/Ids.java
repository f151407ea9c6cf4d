package org.symbi.protocol;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Identifier generation for messages, tasks and deliveries. */
public final class Ids {
    /** Milliseconds since the epoch in the high bits, a 12-bit sequence within the millisecond below them. */
    private static final AtomicLong LAST = new AtomicLong();

    private Ids() {
    }

    /**
     * A globally unique id that sorts by creation time: a version 7 UUID (RFC 9562) whose 12 bits after the
     * timestamp count up within a millisecond. The room's stores index messages by id, and ids that arrive in
     * ascending order are appended where a random id would rewrite a page anywhere in the index.
     */
    public static String newId() {
        long now = System.currentTimeMillis() << 12;
        long stamp = LAST.accumulateAndGet(now, (last, fresh) -> Math.max(last + 1, fresh));
        long high = (stamp >>> 12) << 16 | 0x7000L | (stamp & 0xFFFL);
        long low = ThreadLocalRandom.current().nextLong() >>> 2 | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
