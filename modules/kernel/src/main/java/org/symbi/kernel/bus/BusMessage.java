package org.symbi.kernel.bus;

import org.symbi.protocol.Envelope;

/**
 * One message waiting in one recipient's inbox.
 *
 * @param seq         its row in the durable store, or a negative in-memory number for transient messages
 * @param encoded     the envelope as compact JSON, written once: it is what is stored and what deliver frames carry
 * @param acceptedAt  nanoTime when the bus accepted it, for latency figures
 */
record BusMessage(long seq, String recipient, Envelope envelope, byte[] encoded, int lane, boolean durable,
                  int attempts, long acceptedAt) {

    BusMessage withAttempts(int n) {
        return new BusMessage(seq, recipient, envelope, encoded, lane, durable, n, acceptedAt);
    }
}
