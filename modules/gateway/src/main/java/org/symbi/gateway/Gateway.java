package org.symbi.gateway;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeRequest;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.symbi.governance.AgentToken;
import org.symbi.governance.TokenRejectedException;
import org.symbi.gateway.admin.AdminApi;
import org.symbi.gateway.outbound.DialOut;
import org.symbi.gateway.outbound.RoomSignature;
import org.symbi.gateway.outbound.WebhookDelivery;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.supervisor.AdminToken;
import org.symbi.kernel.supervisor.LocalAgents;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.RoomFrame;
import org.symbi.store.DataDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The room's network door for agents: a WebSocket at {@code /ws} and a REST API under {@code /api}
 * (docs/protocol/README.md, docs/openapi.yaml). Every request carries an agent token; over the socket
 * the token is presented once (its jti cannot be replayed) and fixes the agent for the session.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    /** Close reasons are limited to 123 bytes of UTF-8 by RFC 6455. */
    private static final int MAX_REASON_BYTES = 123;

    private final Kernel kernel;
    private final GatewayConfig config;
    private final Set<AgentSession> sockets = ConcurrentHashMap.newKeySet();
    private final Map<String, AgentSession> byAgent = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller;
    /** Pings the quiet sockets, so that dead peers and idle proxies are noticed. */
    private final ScheduledExecutorService pinger;
    /** Where sessions encode and write their outbound frames, off the threads that produce them. */
    private final ExecutorService drains = Executors.newVirtualThreadPerTaskExecutor();
    /** A held receipt waits at most two of these; an answer on loopback comes back within one. */
    private final HeldFrames held = new HeldFrames(Duration.ofMillis(1));
    private final int messagesPerSecond;
    private Javalin app;
    private List<AutoCloseable> outbound = List.of();

    private Gateway(Kernel kernel, GatewayConfig config) {
        this.kernel = kernel;
        this.config = config;
        this.messagesPerSecond = config.messagesPerSecond() > 0 ? config.messagesPerSecond()
                : 2 * kernel.config().ratePerSecond();
        this.poller = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("symbi-gateway-poll").daemon(true).unstarted(r));
        this.pinger = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("symbi-gateway-ping").daemon(true).unstarted(r));
    }

    /** Binds and starts serving agents (WebSocket and REST); close it to stop. */
    public static Gateway start(Kernel kernel, GatewayConfig config) {
        return start(kernel, config, null, null);
    }

    /**
     * Binds and starts the room's whole network side: agents' WebSocket and REST, the admin API (with the
     * admin token of {@code dir}), webhook delivery and dial-out (signed with the room's key in {@code dir}).
     */
    public static Gateway start(Kernel kernel, GatewayConfig config, DataDir dir, Supplier<LocalAgents> localAgents) {
        Gateway g = new Gateway(kernel, config);
        RestApi rest = new RestApi(kernel, config, g.poller);
        AdminApi admin = dir == null ? null
                : new AdminApi(kernel, AdminToken.loadOrCreate(dir), config.tokens(), localAgents);
        g.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = kernel.codec().limits().maxFrameBytes() + 1L;
            g.configureJetty(cfg);
            cfg.routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
            rest.routes(cfg.routes);
            if (admin != null) {
                admin.routes(cfg.routes);
            }
        });
        try {
            g.app.start();
            long ping = config.pingInterval().toMillis();
            g.pinger.scheduleAtFixedRate(g::pingQuietSockets, ping, ping, TimeUnit.MILLISECONDS);
            if (dir != null) {
                RoomSignature signature = RoomSignature.ofDataDir(dir);
                g.outbound = List.of(WebhookDelivery.start(kernel, signature, g.byAgent::containsKey),
                        DialOut.start(kernel, signature, g.byAgent::containsKey));
            }
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
        LOG.info("gateway listening on {}", g.address());
        return g;
    }

    private void configureJetty(JavalinConfig cfg) {
        cfg.jetty.host = config.host();
        cfg.jetty.port = config.port();
        // Jetty's own WebSocket endpoint, not a Javalin route: Javalin copies the upgrade request's headers,
        // cookies, parameters and attributes into every connection's context and wraps every frame in one more.
        cfg.jetty.modifyServletContextHandler(h -> h.addServlet(new ServletHolder(new AgentSocketServlet()), "/ws"));
        if (config.tls()) {
            cfg.jetty.addConnector((server, http) -> {
                SslContextFactory.Server ssl = new SslContextFactory.Server();
                ssl.setKeyStorePath(config.keystore().toString());
                ssl.setKeyStorePassword(config.keystorePassword());
                HttpConfiguration https = new HttpConfiguration(http);
                // agents often dial by address while certificates name a host
                https.addCustomizer(new SecureRequestCustomizer(false));
                ServerConnector connector = new ServerConnector(server, ssl, new HttpConnectionFactory(https));
                connector.setHost(config.host());
                connector.setPort(config.port());
                return connector;
            });
        }
    }

    /** The port bound, the free one chosen when the configuration said 0. */
    public int port() {
        for (var connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof NetworkConnector n) {
                return n.getLocalPort();
            }
        }
        throw new IllegalStateException("the gateway is not listening");
    }

    /** The WebSocket address agents connect to, e.g. {@code ws://127.0.0.1:8765/ws}. */
    public String address() {
        return (config.tls() ? "wss" : "ws") + "://" + config.host() + ":" + port() + "/ws";
    }

    /** The base of the REST API, e.g. {@code http://127.0.0.1:8765}. */
    public String httpAddress() {
        return (config.tls() ? "https" : "http") + "://" + config.host() + ":" + port();
    }

    /**
     * The certificates the gateway presents over TLS (those of its keystore's key entries), or none without TLS: the
     * room hands them to the agents it starts, which dial it by an address the certificates need not name.
     */
    public List<X509Certificate> certificates() {
        if (!config.tls()) {
            return List.of();
        }
        try {
            KeyStore store = KeyStore.getInstance(config.keystore().toFile(), config.keystorePassword().toCharArray());
            List<X509Certificate> certificates = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate c) {
                    certificates.add(c);
                }
            }
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the certificates of the keystore " + config.keystore(), e);
        }
    }

    /** The agents with an open socket now. */
    public List<String> connectedAgents() {
        return List.copyOf(byAgent.keySet());
    }

    /** The agents' WebSocket: each upgrade presents a token and gets a session of its own. */
    private final class AgentSocketServlet extends JettyWebSocketServlet {
        @Override
        protected void configure(JettyWebSocketServletFactory factory) {
            factory.setIdleTimeout(config.idleTimeout());
            // above the codec's limit, so an oversized frame still gets a too_large error before 1009
            long max = 2L * kernel.codec().limits().maxFrameBytes();
            factory.setMaxTextMessageSize(max);
            factory.setMaxBinaryMessageSize(max);
            factory.setCreator((request, response) -> endpoint(request));
        }
    }

    private Session.Listener endpoint(JettyServerUpgradeRequest request) {
        List<String> query = request.getParameterMap().get("token");
        String fromQuery = query == null || query.isEmpty() ? null : query.getFirst();
        String raw = Bearer.of(request.getHeader("Authorization"), fromQuery);
        try {
            if (raw == null) {
                throw new TokenRejectedException("token refused: none given (Authorization: Bearer or ?token=)");
            }
            AgentToken token = config.tokens().present(raw);
            return new AgentSession(kernel, token, messagesPerSecond, config.floodCloseAfter(), drains, held,
                    connections);
        } catch (TokenRejectedException e) {
            return new RefusedSocket(reason(e.getMessage()));
        }
    }

    private final AgentSession.Connections connections = new AgentSession.Connections() {
        @Override
        public void opened(AgentSession session) {
            String agentId = session.agentId();
            sockets.add(session);
            AgentSession previous = byAgent.put(agentId, session);
            if (previous != null) {
                // its unacked deliveries go back to the inbox, to be delivered on this connection
                kernel.bus().detach(agentId, previous);
            }
            session.send(welcome(kernel, agentId, session.sessionId()));
            kernel.bus().attach(agentId, session);
            if (previous != null) {
                previous.close(CloseCodes.REPLACED, "replaced by a newer connection of the same agent");
            }
        }

        @Override
        public void closed(AgentSession session) {
            if (sockets.remove(session)) {
                // a mere disconnect: unacked deliveries wait for the next connection; the heartbeat sweep
                // decides whether the agent is lost, within the plain timeout unless a newer connection took over
                if (byAgent.remove(session.agentId(), session)) {
                    kernel.registry().connectionClosed(session.agentId());
                }
                kernel.bus().detach(session.agentId(), session);
            }
        }
    };

    private void pingQuietSockets() {
        for (AgentSession s : sockets) {
            try {
                s.pingIfQuiet();
            } catch (RuntimeException e) {
                // one broken socket must not end the pings of the others
                LOG.debug("pinging socket {} failed", s.sessionId(), e);
            }
        }
    }

    /** The first frame of a session: the agent's heartbeat interval and delivery window. */
    public static RoomFrame.Welcome welcome(Kernel kernel, String agentId, String sessionId) {
        return new RoomFrame.Welcome(agentId, sessionId, kernel.registry().heartbeatInterval().toMillis(),
                kernel.config().deliveryWindow(), Envelope.PROTOCOL_VERSION);
    }

    private static String reason(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return message;
        }
        String cut = new String(bytes, 0, MAX_REASON_BYTES - 3, StandardCharsets.UTF_8);
        // a multi-byte character cut in half decodes as U+FFFD (3 bytes); drop it
        return cut.replace("\uFFFD", "") + "...";
    }

    @Override
    public void close() {
        for (AutoCloseable o : outbound) {
            try {
                o.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", o, e);
            }
        }
        for (AgentSession s : sockets) {
            s.close(CloseCodes.GOING_AWAY, "the room is shutting down");
        }
        if (app != null) {
            app.stop();
        }
        poller.shutdownNow();
        pinger.shutdownNow();
        drains.shutdown();
        held.close();
    }
}
