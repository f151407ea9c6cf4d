package org.symbi.kernel.bus;

import org.symbi.protocol.Envelope;

/**
 * A message that could not be delivered within the delivery limit (or whose stored copy became unreadable),
 * kept for a person to retry or discard.
 *
 * @param envelope the message, or null when its stored copy cannot be read (the reason says why)
 */
public record DeadLetter(long seq, String recipient, Envelope envelope, int attempts, String reason, long deadAt) {
}
