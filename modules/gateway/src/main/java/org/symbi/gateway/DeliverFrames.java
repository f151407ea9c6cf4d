package org.symbi.gateway;

import org.symbi.kernel.bus.Delivery;
import org.symbi.protocol.ProtocolCodec;

/** The deliver frame of one delivery, the same on every transport: socket, dial-out, webhook and long poll. */
public final class DeliverFrames {
    private DeliverFrames() {
    }

    /** Wraps the envelope's bytes as the bus stored them: a message is serialised once, not per delivery. */
    public static byte[] of(ProtocolCodec codec, Delivery d) {
        return codec.encodeDeliver(Long.toString(d.deliveryId()), d.attempt(), d.encodedEnvelope());
    }
}
