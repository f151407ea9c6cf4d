package org.symbi.kernel.bus;

import java.security.SecureRandom;

/**
 * The most recent message ids, for duplicate detection in memory. Striped so that concurrent senders
 * rarely meet on a lock; each stripe forgets its oldest id when full. It is the bus's only duplicate check
 * (ADR 0013): a resend older than the window is stored and delivered again, which at-least-once allows.
 *
 * <p>An id is remembered as a 128-bit hash of its key, seeded at random per instance, in arrays of primitives
 * that grow with use up to the capacity: 24 bytes an id and no object per id. A window of objects kept a
 * million entries alive that every young collection had to scan through the card table; this one gives the
 * collector nothing to trace. Two keys collide with a probability of about one in 2<sup>128</sup> per pair.
 */
final class DedupWindow {
    private static final int STRIPES = 32;
    private static final int FIRST_STRIPE_CAPACITY = 64;
    private final Stripe[] stripes = new Stripe[STRIPES];
    private final long seedA;
    private final long seedB;

    DedupWindow(int capacity) {
        int perStripe = Math.max(16, capacity / STRIPES);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe(perStripe);
        }
        SecureRandom random = new SecureRandom();
        this.seedA = random.nextLong();
        this.seedB = random.nextLong();
    }

    /** Message ids are unique per sender: two agents may both send an "m-1". */
    static String key(String sender, String messageId) {
        return sender + '\u0000' + messageId;
    }

    /** Remembers the key; false if it was already remembered. */
    boolean add(String key) {
        long a = hashA(key);
        long b = hashB(key);
        Stripe s = stripes[(int) (a >>> 59)];
        synchronized (s) {
            return s.add(a, b);
        }
    }

    /** Forgets an id whose message could not be stored, so that the sender's retry is not a duplicate. */
    void remove(String key) {
        long a = hashA(key);
        long b = hashB(key);
        Stripe s = stripes[(int) (a >>> 59)];
        synchronized (s) {
            s.remove(a, b);
        }
    }

    private long hashA(String key) {
        long h = seedA ^ key.length();
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x9E3779B97F4A7C15L;
        }
        return mix(h);
    }

    /** An odd number, so that an empty slot (zero) is never a hash. */
    private long hashB(String key) {
        long h = seedB + key.length();
        for (int i = 0; i < key.length(); i++) {
            h = Long.rotateLeft(h + key.charAt(i) * 0xC2B2AE3D27D4EB4FL, 29) * 0x165667B19E3779F9L;
        }
        return mix(h) | 1;
    }

    /** The finalizer of MurmurHash3: every input bit affects every output bit. */
    private static long mix(long h) {
        h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
        h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }

    /**
     * A ring of hashes in the order they came, oldest overwritten when full, with an open-addressing index
     * (linear probing) of ring positions by hash. A removed id leaves a blank in the ring until its turn comes.
     */
    private static final class Stripe {
        private final int capacity;
        private long[] hashA = new long[0];
        private long[] hashB = new long[0];
        private int[] index = new int[0];
        private int next;
        private int used;

        Stripe(int capacity) {
            this.capacity = capacity;
        }

        boolean add(long a, long b) {
            if (find(a, b) >= 0) {
                return false;
            }
            if (used == hashA.length) {
                if (hashA.length < capacity) {
                    grow();
                } else if (hashB[next] != 0) {
                    unindex(find(hashA[next], hashB[next]));
                }
            }
            hashA[next] = a;
            hashB[next] = b;
            insert(next);
            next = (next + 1) % hashA.length;
            used = Math.min(used + 1, hashA.length);
            return true;
        }

        void remove(long a, long b) {
            int slot = find(a, b);
            if (slot >= 0) {
                int position = index[slot] - 1;
                unindex(slot);
                hashB[position] = 0;
            }
        }

        /** The index slot holding the hash, or -1. */
        private int find(long a, long b) {
            if (index.length == 0) {
                return -1;
            }
            int mask = index.length - 1;
            for (int i = (int) a & mask; index[i] != 0; i = (i + 1) & mask) {
                int p = index[i] - 1;
                if (hashA[p] == a && hashB[p] == b) {
                    return i;
                }
            }
            return -1;
        }

        private void insert(int position) {
            int mask = index.length - 1;
            int i = (int) hashA[position] & mask;
            while (index[i] != 0) {
                i = (i + 1) & mask;
            }
            index[i] = position + 1;
        }

        /** Empties an index slot and moves later entries of its probe run back, so that lookups still find them. */
        private void unindex(int slot) {
            int mask = index.length - 1;
            int hole = slot;
            for (int i = (slot + 1) & mask; index[i] != 0; i = (i + 1) & mask) {
                int home = (int) hashA[index[i] - 1] & mask;
                boolean homeAfterHole = hole <= i ? home > hole && home <= i : home > hole || home <= i;
                if (!homeAfterHole) {
                    index[hole] = index[i];
                    hole = i;
                }
            }
            index[hole] = 0;
        }

        /** Doubles the ring (up to the capacity), oldest first, and rebuilds the index at most half full. */
        private void grow() {
            int size = Math.min(capacity, Math.max(FIRST_STRIPE_CAPACITY, hashA.length * 2));
            long[] a = new long[size];
            long[] b = new long[size];
            for (int k = 0; k < used; k++) {
                int from = (next + k) % used;
                a[k] = hashA[from];
                b[k] = hashB[from];
            }
            hashA = a;
            hashB = b;
            next = used;
            index = new int[Integer.highestOneBit(size * 2 - 1) * 2];
            for (int p = 0; p < used; p++) {
                if (hashB[p] != 0) {
                    insert(p);
                }
            }
        }
    }
}
