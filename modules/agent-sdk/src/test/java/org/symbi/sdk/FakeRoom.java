package org.symbi.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.ProtocolCodec;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A room that speaks the socket protocol and nothing more, for testing the client without a kernel: it
 * checks the bearer token, answers register with a welcome, receipts every envelope (or refuses the ids it
 * was told to), and lets the test deliver messages and cut connections. Frames are written by hand, so the
 * tests also pin the wire format.
 */
public final class FakeRoom implements AutoCloseable {
    static final String TOKEN = "token-1";

    private final ProtocolCodec codec = new ProtocolCodec();
    private final Server server = new Server();
    private final List<Envelope> received = new ArrayList<>();
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final Set<String> refuse = ConcurrentHashMap.newKeySet();
    private final Set<String> silent = ConcurrentHashMap.newKeySet();
    private final Set<String> rateLimited = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final long heartbeatMs;
    private final int port;
    private volatile Long pace;

    FakeRoom(Duration heartbeat) throws Exception {
        this.heartbeatMs = heartbeat.toMillis();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandler context = new ContextHandler("/");
        context.setHandler(WebSocketUpgradeHandler.from(server, context, container ->
                container.addMapping("/agent", (request, response, callback) -> {
                    if (!("Bearer " + TOKEN).equals(request.getHeaders().get("Authorization"))) {
                        Response.writeError(request, response, callback, 401);
                        return null;
                    }
                    connections.incrementAndGet();
                    return new Connection();
                })));
        server.setHandler(context);
        server.start();
        this.port = connector.getLocalPort();
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + port + "/agent");
    }

    int connections() {
        return connections.get();
    }

    /** The first envelope an agent sent that has not been taken yet, heartbeats and acks included. */
    Envelope next(Duration timeout) throws InterruptedException {
        return take(e -> true, "anything", timeout);
    }

    /** The first envelope of a type not taken yet; others stay for later calls. */
    Envelope next(MessageType type, Duration timeout) throws InterruptedException {
        return take(e -> e.messageType() == type, type.wire(), timeout);
    }

    private synchronized Envelope take(Predicate<Envelope> which, String what, Duration timeout)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Iterator<Envelope> it = received.iterator(); it.hasNext(); ) {
                Envelope e = it.next();
                if (which.test(e)) {
                    it.remove();
                    return e;
                }
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + what + " within " + timeout);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Every envelope of a type received so far, taken. */
    synchronized List<Envelope> takeAll(MessageType type) {
        List<Envelope> taken = new ArrayList<>();
        for (Iterator<Envelope> it = received.iterator(); it.hasNext(); ) {
            Envelope e = it.next();
            if (e.messageType() == type) {
                it.remove();
                taken.add(e);
            }
        }
        return taken;
    }

    /** From now on, the receipts of heartbeats ask for this interval, as the gateway does when agents come and go. */
    void paceHeartbeats(Duration interval) {
        pace = interval.toMillis();
    }

    private synchronized void record(Envelope e) {
        received.add(e);
        notifyAll();
    }

    void refuse(String messageId) {
        refuse.add(messageId);
    }

    /** Takes the message but sends no receipt, as if the connection broke before the answer. */
    void withholdReceipt(String messageId) {
        silent.add(messageId);
    }

    /** Drops the message the first time with a rate_limited error that does not say which, as the gateway does. */
    void rateLimitOnce(String messageId) {
        rateLimited.add(messageId);
    }

    void deliver(String deliveryId, int attempt, Envelope e) {
        ObjectNode frame = codec.mapper().createObjectNode().put("frame", "deliver").put("delivery_id", deliveryId)
                .put("attempt", attempt);
        frame.set("envelope", tree(codec.encodeToString(e)));
        send(frame);
    }

    /** Cuts every connection without a closing handshake, as a network failure would. */
    void dropConnections() {
        sessions.forEach(Session::disconnect);
        sessions.clear();
    }

    private void send(ObjectNode frame) {
        String text = frame.toString();
        sessions.forEach(s -> s.sendText(text, Callback.NOOP));
    }

    private JsonNode tree(String json) {
        try {
            return codec.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the fake room did not stop", e);
        }
    }

    // public: Jetty calls the listener through method handles from outside this package
    public final class Connection implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
            sessions.add(s);
        }

        @Override
        public void onWebSocketText(String text) {
            Envelope e = codec.decode(text);
            record(e);
            if (e.messageType() == MessageType.REGISTER) {
                reply(codec.mapper().createObjectNode().put("frame", "welcome").put("agent_id", e.fromAgent())
                        .put("session_id", "s-" + connections.get()).put("heartbeat_interval_ms", heartbeatMs)
                        .put("window", 16).put("protocol_version", "1.0"));
            }
            if (silent.remove(e.messageId())) {
                return;
            }
            if (rateLimited.remove(e.messageId())) {
                reply(codec.mapper().createObjectNode().put("frame", "error").put("code", "rate_limited")
                        .put("message", "slow down"));
                return;
            }
            ObjectNode receipt = codec.mapper().createObjectNode().put("frame", "receipt")
                    .put("message_id", e.messageId());
            if (refuse.contains(e.messageId())) {
                receipt.put("outcome", "refused").put("code", "invalid_value").put("reason", "not today");
            } else {
                receipt.put("outcome", "accepted");
                Long interval = pace;
                if (interval != null && e.messageType() == MessageType.HEARTBEAT) {
                    receipt.put("heartbeat_interval_ms", interval);
                }
            }
            reply(receipt);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            sessions.remove(session);
            callback.succeed();
        }

        private void reply(ObjectNode frame) {
            session.sendText(frame.toString(), Callback.NOOP);
        }
    }
}
