package org.symbi.gateway;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
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

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One agent's WebSocket connection, Jetty's endpoint for it: the bus pushes deliveries into it as deliver
 * frames, and each text frame from the agent becomes an envelope for the kernel, answered with a receipt.
 * Outbound frames pass through one queue per connection, so they keep their order whichever thread sends them.
 * Memory stays bounded by the bus's delivery window (at most that many deliveries are unacknowledged) and by the
 * rate limit. Public only because Jetty calls its endpoints through method handles.
 */
public final class AgentSession implements DeliverySink, Session.Listener.AutoDemanding, HeldFrames.Holder {
    private static final Logger LOG = LoggerFactory.getLogger(AgentSession.class);
    /** Set while a thread handles an incoming frame: such a thread writes what it sends itself. */
    private static final ThreadLocal<Boolean> ON_SOCKET_THREAD = new ThreadLocal<>();

    private final Kernel kernel;
    private final ProtocolCodec codec;
    private final AgentToken token;
    private final TokenBucket bucket;
    private final int floodCloseAfter;
    private final Executor drains;
    private final HeldFrames held;
    private final Connections connections;
    private final String sessionId = "ws-" + UUID.randomUUID();
    /** Set once the socket is open, before any frame arrives or the gateway hands the session on. */
    private Session socket;
    private CoreSession wire;
    /** Frames, deliveries (whose frames the drain builds) and a close, in the order they are to go out. */
    private final Queue<Object> outbound = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private int limitedInARow;
    /** Whether the agent sent a frame since the last {@link #pingIfQuiet()}. */
    private volatile boolean heard;

    /** A close that waits its turn behind the frames queued before it. */
    private record Close(int code, String reason) {
    }

    /** What the gateway learns of a session's socket. */
    interface Connections {
        void opened(AgentSession session);

        void closed(AgentSession session);
    }

    AgentSession(Kernel kernel, AgentToken token, int messagesPerSecond, int floodCloseAfter, Executor drains,
                 HeldFrames held, Connections connections) {
        this.kernel = kernel;
        this.codec = kernel.codec();
        this.drains = drains;
        this.held = held;
        this.connections = connections;
        this.token = token;
        this.bucket = new TokenBucket(messagesPerSecond, System.nanoTime());
        this.floodCloseAfter = floodCloseAfter;
    }

    String agentId() {
        return token.agentId();
    }

    String sessionId() {
        return sessionId;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.socket = session;
        this.wire = ((WebSocketSession) session).getCoreSession();
        connections.opened(this);
    }

    @Override
    public void onWebSocketText(String text) {
        try {
            onText(text);
        } catch (RuntimeException unexpected) {
            // a fault of the room's own must not end the agent's connection; the agent resends what got no receipt
            LOG.error("frame from {} failed unexpectedly", agentId(), unexpected);
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, org.eclipse.jetty.websocket.api.Callback callback) {
        callback.succeed();
        close(CloseCodes.UNSUPPORTED_DATA, "binary frames are not part of the protocol");
    }

    /** The socket is gone: later sends are dropped (unacked deliveries wait in the inbox). */
    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        open.set(false);
        connections.closed(this);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("socket {} of {} failed", sessionId, agentId(), cause);
    }

    @Override
    public void deliver(Delivery d) {
        if (open.get()) {
            enqueue(d);
        }
    }

    /**
     * Pings the socket unless the agent was heard from since the last call. A heartbeating agent's own frames
     * already show the connection alive and keep proxies from closing it; sparing it the ping spares the room
     * a frame each way, which is most of what an idle fleet costs.
     */
    void pingIfQuiet() {
        if (heard) {
            heard = false;
        } else if (open.get()) {
            wire.sendFrame(new Frame(OpCode.PING), Callback.NOOP, false);
        }
    }

    /** Called for each text frame, in order, on the connection's thread. */
    private void onText(String text) {
        if (!open.get()) {
            return;
        }
        heard = true;
        ON_SOCKET_THREAD.set(Boolean.TRUE);
        try {
            handle(text);
        } finally {
            ON_SOCKET_THREAD.remove();
        }
    }

    private void handle(String text) {
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
            send(Receipts.of(kernel, e, refusal));
            return;
        }
        kernel.receive(e).whenComplete((result, failure) -> {
            if (failure != null) {
                LOG.warn("kernel failed on message {} from {}", e.messageId(), agentId(), failure);
                send(Receipts.internalError(e));
            } else if (Receipts.mayWait(e, result)) {
                hold(Receipts.of(kernel, e, result));
            } else {
                send(Receipts.of(kernel, e, result));
            }
        });
    }

    /**
     * Never blocks. A socket thread, busy with an incoming frame, writes the answers it produces itself, which
     * keeps a request/response round trip free of thread hand-overs. Any other thread (the bus's writer with a
     * whole group commit's receipts and deliveries, timers) only queues the frame and leaves the encoding and
     * writing to a drain of its own.
     */
    void send(RoomFrame frame) {
        if (open.get()) {
            enqueue(frame);
        }
    }

    /** Queues the frame without sending it: it leaves with the next frame sent, or when {@link HeldFrames} asks. */
    private void hold(RoomFrame frame) {
        if (open.get()) {
            outbound.add(frame);
            held.holds(this);
        }
    }

    @Override
    public void sendHeld() {
        if (!outbound.isEmpty() && draining.compareAndSet(false, true)) {
            drain();
        }
    }

    void close(int code, String reason) {
        if (open.compareAndSet(true, false)) {
            enqueue(new Close(code, reason));
        }
    }

    private void enqueue(Object frameOrClose) {
        outbound.add(frameOrClose);
        if (draining.compareAndSet(false, true)) {
            if (ON_SOCKET_THREAD.get() == Boolean.TRUE) {
                drain();
                return;
            }
            try {
                drains.execute(this::drain);
            } catch (RejectedExecutionException shuttingDown) {
                // the gateway is closing: the frame is dropped, unacked deliveries wait in the inbox
                draining.set(false);
            }
        }
    }

    /**
     * One drain at a time, so frames keep their order: each queued frame is encoded and handed to Jetty as part
     * of a batch, and the batch is flushed once, in as few socket writes as its size allows.
     */
    private void drain() {
        do {
            int batched = 0;
            for (Object next; (next = outbound.poll()) != null; ) {
                try {
                    if (next instanceof Close c) {
                        wire.flush(Callback.NOOP);
                        batched = 0;
                        socket.close(c.code(), c.reason(), org.eclipse.jetty.websocket.api.Callback.NOOP);
                    } else {
                        byte[] json = next instanceof Delivery d ? DeliverFrames.of(codec, d)
                                : codec.encodeFrame((RoomFrame) next);
                        wire.sendFrame(new Frame(OpCode.TEXT).setPayload(ByteBuffer.wrap(json)), Callback.NOOP, true);
                        batched++;
                    }
                } catch (RuntimeException failed) {
                    // one frame that cannot go out must not leave the queue undrained for good
                    LOG.warn("frame to {} not sent", agentId(), failed);
                }
            }
            if (batched > 0) {
                wire.flush(Callback.NOOP);
            }
            draining.set(false);
            // a frame queued after the last poll but before the flag was cleared found a drain running
        } while (!outbound.isEmpty() && draining.compareAndSet(false, true));
    }
}
