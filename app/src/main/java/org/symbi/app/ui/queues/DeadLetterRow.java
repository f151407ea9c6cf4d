package org.symbi.app.ui.queues;

import java.time.Instant;

/**
 * A message the bus gave up delivering, as a person sees it before retrying or discarding it.
 *
 * @param seq       the bus's number for it, which retry and discard name
 * @param messageId the message's id, or null when its stored copy cannot be read (the reason says why)
 */
public record DeadLetterRow(long seq, String recipient, String messageId, String sender, String type, int attempts,
                            String reason, Instant deadAt, String payload) {

    /** How to name it in a message to a person. */
    public String label() {
        return messageId != null ? "message " + messageId + " to " + recipient : "unreadable message #" + seq
                + " to " + recipient;
    }
}
