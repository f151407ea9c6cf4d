package org.symbi.kernel.bus;

import org.symbi.protocol.Envelope;

/**
 * One attempt to hand a message to its recipient. Acks name the delivery id: an ack of an earlier
 * attempt of the same message (after a timeout and redelivery) is refused.
 *
 * @param encodedEnvelope the envelope as compact JSON, for frames that carry it: never encoded twice
 * @param attempt         1 for the first delivery, 2 for the first redelivery, ...
 */
public record Delivery(long deliveryId, String agentId, Envelope envelope, byte[] encodedEnvelope, int attempt,
                       boolean durable) {
}
