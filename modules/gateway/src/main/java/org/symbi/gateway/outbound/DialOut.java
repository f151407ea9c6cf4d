package org.symbi.gateway.outbound;

import io.github.resilience4j.core.IntervalFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.registry.AgentView;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The room connects to agents that run their own WebSocket server: every registered agent whose card has
 * an {@code endpoint} and that has not dialed in itself is dialed, and dialed again with backoff whenever
 * the connection fails or drops, for as long as the card names that endpoint. The session is the same as
 * a dial-in one ({@link DialOutSession}); the handshake is signed by the room (docs/protocol/README.md,
 * "Dial-out").
 */
public final class DialOut implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DialOut.class);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Kernel kernel;
    private final RoomSignature signature;
    private final Predicate<String> hasSocket;
    private final IntervalFunction backoff;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final Map<String, Link> links = new ConcurrentHashMap<>();
    private final AgentWatch watch;

    private DialOut(Kernel kernel, RoomSignature signature, Predicate<String> hasSocket, IntervalFunction backoff) {
        this.kernel = kernel;
        this.signature = signature;
        this.hasSocket = hasSocket;
        this.backoff = backoff;
        this.watch = new AgentWatch(kernel, "symbi-dial-out");
    }

    /** Reconnects after 1 s, doubling up to a minute while the agent stays unreachable. */
    public static DialOut start(Kernel kernel, RoomSignature signature, Predicate<String> hasSocket) {
        return start(kernel, signature, hasSocket,
                IntervalFunction.ofExponentialBackoff(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1)));
    }

    /**
     * @param hasSocket whether an agent has dialed in itself; the room does not dial such agents
     */
    public static DialOut start(Kernel kernel, RoomSignature signature, Predicate<String> hasSocket,
                                IntervalFunction backoff) {
        DialOut d = new DialOut(kernel, signature, hasSocket, backoff);
        d.watch.start(d::reconcile);
        return d;
    }

    /** The agents the room holds a dial-out link to (connected or waiting to reconnect). */
    public List<String> linkedAgents() {
        return List.copyOf(links.keySet());
    }

    /** Runs on the watch's thread only, so links change one agent at a time. */
    private void reconcile(String agentId) {
        AgentView agent = kernel.registry().find(agentId).orElse(null);
        String endpoint = agent == null || hasSocket.test(agentId) ? null : agent.card().endpoint();
        Link current = links.get(agentId);
        if (current != null && !current.endpoint.toString().equals(endpoint)) {
            links.remove(agentId);
            current.stop();
        }
        if (endpoint != null && !links.containsKey(agentId)) {
            Link link = new Link(agentId, URI.create(endpoint));
            links.put(agentId, link);
            link.connect();
        }
    }

    @Override
    public void close() {
        watch.close();
        links.values().forEach(Link::stop);
        links.clear();
        http.close();
    }

    /** One agent's endpoint: dialed until stopped, one session at a time. */
    private final class Link {
        private final String agentId;
        private final URI endpoint;
        private volatile boolean stopped;
        private volatile DialOutSession session;
        private int failures;

        Link(String agentId, URI endpoint) {
            this.agentId = agentId;
            this.endpoint = endpoint;
        }

        void connect() {
            if (stopped) {
                return;
            }
            long timestamp = kernel.clock().millis();
            DialOutSession s = new DialOutSession(kernel, agentId, () -> watch.execute(this::ended));
            http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT)
                    .header(RoomSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(RoomSignature.SIGNATURE_HEADER,
                            signature.sign(timestamp, DialOutSession.handshakeText(agentId, endpoint)))
                    .buildAsync(endpoint, s)
                    .whenComplete((ws, failure) -> watch.execute(() -> {
                        if (failure != null) {
                            LOG.debug("dialing {} at {} failed: {}", agentId, endpoint, failure.getMessage());
                            retry();
                        } else if (stopped) {
                            s.close("the room no longer dials this endpoint");
                        } else {
                            failures = 0;
                            session = s;
                            LOG.info("dialed {} at {}", agentId, endpoint);
                        }
                    }));
        }

        /** The session closed or failed; on the watch's thread. */
        private void ended() {
            session = null;
            retry();
        }

        private void retry() {
            if (stopped) {
                return;
            }
            long waitMs = backoff.apply(++failures);
            watch.schedule(this::connect, waitMs);
        }

        void stop() {
            stopped = true;
            DialOutSession s = session;
            if (s != null) {
                s.close("the room no longer dials this endpoint");
            }
        }
    }
}
