package org.symbi.sdk;

import java.util.LinkedHashSet;
import java.util.Iterator;
import java.util.SequencedSet;

/**
 * The message ids handed to the handler most recently, so an at-least-once redelivery is recognised. Bounded:
 * the oldest id is forgotten first, which is safe as long as the room redelivers within the last
 * {@code capacity} messages (it redelivers after an ack timeout, long before that many new ones arrive).
 */
final class SeenMessages {
    private final int capacity;
    private final SequencedSet<String> ids = new LinkedHashSet<>();

    SeenMessages(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Records the id; false when it was already there (a redelivery). */
    synchronized boolean firstTime(String messageId) {
        if (!ids.add(messageId)) {
            return false;
        }
        if (ids.size() > capacity) {
            Iterator<String> oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    synchronized int size() {
        return ids.size();
    }
}
