package org.symbi.kernel.bus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recent message ids, for duplicate detection in memory. Striped so that concurrent senders
 * rarely meet on a lock; each stripe forgets its oldest id when full. Durable messages older than the
 * window are still caught by the store's unique key.
 */
final class DedupWindow {
    private static final int STRIPES = 32;
    private final Stripe[] stripes = new Stripe[STRIPES];

    DedupWindow(int capacity) {
        int perStripe = Math.max(16, capacity / STRIPES);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe(perStripe);
        }
    }

    /** Message ids are unique per sender: two agents may both send an "m-1". */
    static String key(String sender, String messageId) {
        return sender + '\u0000' + messageId;
    }

    /** Remembers the key; false if it was already remembered. */
    boolean add(String key) {
        Stripe s = stripeOf(key);
        synchronized (s) {
            return s.put(key, Boolean.TRUE) == null;
        }
    }

    /** Forgets an id whose message could not be stored, so that the sender's retry is not a duplicate. */
    void remove(String key) {
        Stripe s = stripeOf(key);
        synchronized (s) {
            s.remove(key);
        }
    }

    private Stripe stripeOf(String id) {
        return stripes[(id.hashCode() & 0x7fffffff) % STRIPES];
    }

    private static final class Stripe extends LinkedHashMap<String, Boolean> {
        private final int capacity;

        Stripe(int capacity) {
            super(Math.min(capacity, 1 << 12), 0.75f);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
        }
    }
}
