package org.symbi.gateway;

import io.javalin.websocket.WsContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.symbi.governance.AgentToken;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.bus.Delivery;
import org.symbi.kernel.bus.DeliverySink;
import org.symbi.kernel.bus.SendResult;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.ProtocolCodec;
import org.symbi.protocol.ProtocolException;
import org.symbi.protocol.RoomFrame;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One agent's WebSocket connection: the bus pushes deliveries into it as deliver frames, and each text
 * frame from the agent becomes an envelope for the kernel, answered with a receipt. Memory stays bounded
 * by the bus's delivery window (at most that many deliveries are unacknowledged) and by the rate limit.
 */
final class AgentSession implements DeliverySink {
    private static final Logger LOG = LoggerFactory.getLogger(AgentSession.class);

    private final Kernel kernel;
    private final ProtocolCodec codec;
    private final WsContext ws;
    private final AgentToken token;
    private final TokenBucket bucket;
    private final int floodCloseAfter;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private int limitedInARow;

    AgentSession(Kernel kernel, WsContext ws, AgentToken token, int messagesPerSecond, int floodCloseAfter) {
        this.kernel = kernel;
        this.codec = kernel.codec();
        this.ws = ws;
        this.token = token;
        this.bucket = new TokenBucket(messagesPerSecond, System.nanoTime());
        this.floodCloseAfter = floodCloseAfter;
    }

    String agentId() {
        return token.agentId();
    }

    String sessionId() {
        return ws.sessionId();
    }

    @Override
    public void deliver(Delivery d) {
        send(new RoomFrame.Deliver(Long.toString(d.deliveryId()), d.attempt(), d.envelope()));
    }

    /** Called for each text frame, in order, on the connection's thread. */
    void onText(String text) {
        if (!open.get()) {
            return;
        }
        if (!bucket.tryTake(System.nanoTime())) {
            if (++limitedInARow >= floodCloseAfter) {
                close(CloseCodes.POLICY_VIOLATION, "rate limit exceeded repeatedly");
            } else {
                send(new RoomFrame.Error("rate_limited", "more frames than this connection's rate allows; slow down "
                        + "and resend with the same message_id", null));
            }
            return;
        }
        limitedInARow = 0;
        Envelope e;
        try {
            e = codec.decode(text);
        } catch (ProtocolException p) {
            send(new RoomFrame.Error(p.code().wire(), p.getMessage(), null));
            if (p.code() == ProtocolException.Code.TOO_LARGE || p.code() == ProtocolException.Code.TOO_DEEP) {
                close(CloseCodes.TOO_BIG, p.code().wire());
            }
            return;
        }
        SendResult refusal;
        try {
            refusal = SenderCheck.refusal(e, token, codec);
        } catch (ProtocolException p) {
            refusal = SendResult.refused(e.messageId(), p.code().wire(), p.getMessage());
        }
        if (refusal != null) {
            send(receipt(refusal));
            return;
        }
        kernel.receive(e).whenComplete((result, failure) -> {
            if (failure != null) {
                LOG.warn("kernel failed on message {} from {}", e.messageId(), agentId(), failure);
                send(new RoomFrame.Receipt(e.messageId(), RoomFrame.Outcome.REFUSED, "internal_error",
                        "the room could not process the message; resend it with the same message_id"));
            } else {
                send(receipt(result));
            }
        });
    }

    static RoomFrame.Receipt receipt(SendResult r) {
        RoomFrame.Outcome outcome = switch (r.outcome()) {
            case ACCEPTED -> RoomFrame.Outcome.ACCEPTED;
            case DUPLICATE -> RoomFrame.Outcome.DUPLICATE;
            case REFUSED -> RoomFrame.Outcome.REFUSED;
        };
        return new RoomFrame.Receipt(r.messageId(), outcome, r.code(), r.reason());
    }

    /**
     * Non-blocking: Jetty queues the frame. Serialised so frames from the bus's and the kernel's threads
     * never interleave on the wire.
     */
    void send(RoomFrame frame) {
        if (!open.get()) {
            return;
        }
        String json = codec.encodeFrameToString(frame);
        synchronized (this) {
            try {
                ws.send(json);
            } catch (RuntimeException closedMeanwhile) {
                LOG.debug("frame to {} not sent: {}", agentId(), closedMeanwhile.getMessage());
            }
        }
    }

    void close(int code, String reason) {
        if (open.compareAndSet(true, false)) {
            synchronized (this) {
                ws.closeSession(code, reason);
            }
        }
    }

    /** The socket is gone: later sends are dropped (unacked deliveries wait in the inbox). */
    void closed() {
        open.set(false);
    }
}
