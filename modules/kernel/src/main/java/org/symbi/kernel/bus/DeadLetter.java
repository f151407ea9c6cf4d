package org.symbi.kernel.bus;

import org.symbi.protocol.Envelope;

/** A message that could not be delivered within the delivery limit, kept for a person to retry or discard. */
public record DeadLetter(long seq, String recipient, Envelope envelope, int attempts, String reason, long deadAt) {
}
