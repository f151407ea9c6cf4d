package org.symbi.gateway.outbound;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.symbi.gateway.DeliverFrames;
import org.symbi.gateway.Gateway;
import org.symbi.gateway.Receipts;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.bus.Delivery;
import org.symbi.kernel.bus.DeliverySink;
import org.symbi.kernel.bus.SendResult;
import org.symbi.kernel.registry.AgentView;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.Ids;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.ProtocolCodec;
import org.symbi.protocol.ProtocolException;
import org.symbi.protocol.RoomFrame;

import java.net.URI;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection the room opened to an agent, with the semantics of a dial-in session: a welcome frame
 * first, deliveries as deliver frames, and a receipt for every envelope the agent sends. The agent is the
 * one whose registered endpoint was dialed, so every envelope must come from it, and a register may claim
 * no capability beyond those of the card the room already accepted. The kernel's per-agent rate limit
 * applies as for any sender.
 */
final class DialOutSession implements WebSocket.Listener, DeliverySink {
    private static final Logger LOG = LoggerFactory.getLogger(DialOutSession.class);
    private static final int NORMAL = 1000;
    private static final int TOO_BIG = 1009;

    private final Kernel kernel;
    private final ProtocolCodec codec;
    private final String agentId;
    private final Runnable onEnded;
    private final String sessionId = Ids.newId();
    private final StringBuilder partial = new StringBuilder();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private WebSocket ws;
    /** The JDK client allows one outstanding send: each frame waits for the one before. */
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    DialOutSession(Kernel kernel, String agentId, Runnable onEnded) {
        this.kernel = kernel;
        this.codec = kernel.codec();
        this.agentId = agentId;
        this.onEnded = onEnded;
    }

    /** What the room signs in the handshake: the agent it means to reach and the address it dialed. */
    static String handshakeText(String agentId, URI endpoint) {
        return agentId + "\n" + endpoint;
    }

    @Override
    public void onOpen(WebSocket socket) {
        this.ws = socket;
        send(Gateway.welcome(kernel, agentId, sessionId));
        kernel.bus().attach(agentId, this);
        socket.request(1);
    }

    @Override
    public void deliver(Delivery d) {
        send(new String(DeliverFrames.of(codec, d), StandardCharsets.UTF_8));
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        // above the codec's limit, so an oversized frame still gets a too_large error first
        if (partial.length() > 2L * codec.limits().maxFrameBytes()) {
            close(TOO_BIG, "frame too large");
            return null;
        }
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            onFrame(text);
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, java.nio.ByteBuffer data, boolean last) {
        close(1003, "binary frames are not part of the protocol");
        return null;
    }

    private void onFrame(String text) {
        Envelope e;
        try {
            e = codec.decode(text);
        } catch (ProtocolException p) {
            send(new RoomFrame.Error(p.code().wire(), p.getMessage(), null));
            return;
        }
        SendResult refusal = refusal(e);
        if (refusal != null) {
            send(Receipts.of(kernel, e, refusal));
            return;
        }
        kernel.receive(e).whenComplete((result, failure) -> {
            if (failure != null) {
                LOG.warn("kernel failed on message {} from {}", e.messageId(), agentId, failure);
                send(Receipts.internalError(e));
            } else {
                send(Receipts.of(kernel, e, result));
            }
        });
    }

    private SendResult refusal(Envelope e) {
        if (!agentId.equals(e.fromAgent())) {
            return SendResult.refused(e.messageId(), "spoofed_sender", "from_agent '" + e.fromAgent()
                    + "' is not the agent this connection was dialed for ('" + agentId + "')");
        }
        if (e.messageType() != MessageType.REGISTER) {
            return null;
        }
        Set<String> claimed;
        try {
            claimed = new HashSet<>(codec.payloadAs(e, AgentCard.class).capabilities());
        } catch (ProtocolException p) {
            return SendResult.refused(e.messageId(), p.code().wire(), p.getMessage());
        }
        claimed.removeAll(kernel.registry().find(agentId).map(AgentView::card).map(AgentCard::capabilities)
                .orElse(List.of()));
        return claimed.isEmpty() ? null : SendResult.refused(e.messageId(), "capability_denied",
                "capabilities beyond the registered card's: " + claimed);
    }

    private void send(RoomFrame frame) {
        send(codec.encodeFrameToString(frame));
    }

    private synchronized void send(String json) {
        if (!open.get()) {
            return;
        }
        sending = sending.thenCompose(x -> ws.sendText(json, true)).exceptionally(failed -> {
            LOG.debug("frame to {} not sent: {}", agentId, failed.getMessage());
            return null;
        });
    }

    void close(String reason) {
        close(NORMAL, reason);
    }

    private synchronized void close(int code, String reason) {
        if (ws != null && !ws.isOutputClosed()) {
            sending = sending.thenCompose(x -> ws.sendClose(code, reason)).exceptionally(failed -> null);
        }
        ended();
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        LOG.debug("dial-out session of {} closed: {} {}", agentId, statusCode, reason);
        ended();
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        LOG.debug("dial-out session of {} failed", agentId, error);
        ended();
    }

    /**
     * Once per session: unacknowledged deliveries wait in the inbox for the next connection, and the agent has
     * the plain heartbeat timeout to be heard from again.
     */
    private void ended() {
        if (open.compareAndSet(true, false)) {
            kernel.registry().connectionClosed(agentId);
            kernel.bus().detach(agentId, this);
            onEnded.run();
        }
    }
}
