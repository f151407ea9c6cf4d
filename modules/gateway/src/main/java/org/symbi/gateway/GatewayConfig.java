package org.symbi.gateway;

import org.symbi.governance.AgentTokens;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the gateway listens.
 *
 * @param host              the interface to bind, e.g. 127.0.0.1 (loopback only) or 0.0.0.0
 * @param port              the TCP port; 0 picks a free one (see {@link Gateway#port()})
 * @param tokens            verifies the agent tokens presented on every request and connection
 * @param keystore          a PKCS#12 or JKS keystore with the server certificate, or null for plain HTTP/WS
 * @param keystorePassword  the keystore's password, or null without TLS
 * @param pingInterval      how often a socket that sent nothing since the last round is pinged, so dead peers
 *                          and idle proxies are noticed
 * @param idleTimeout       a socket with no traffic at all (pongs included) for this long is closed
 * @param messagesPerSecond per-connection token bucket rate for frames from agents; 0 means twice the
 *                          kernel's per-agent rate, so the kernel's own guard refuses first
 * @param floodCloseAfter   consecutive rate-limited frames after which the connection is closed (1008)
 * @param maxLongPoll       the longest a long-poll request may wait
 */
public record GatewayConfig(String host, int port, AgentTokens tokens, Path keystore, String keystorePassword,
                            Duration pingInterval, Duration idleTimeout, int messagesPerSecond, int floodCloseAfter,
                            Duration maxLongPoll) {

    public GatewayConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tokens, "tokens");
        if (port < 0 || port > 65535 || messagesPerSecond < 0 || floodCloseAfter < 1) {
            throw new IllegalArgumentException("port 0-65535, messagesPerSecond >= 0, floodCloseAfter >= 1");
        }
        if (keystore != null && keystorePassword == null) {
            throw new IllegalArgumentException("a keystore needs its password");
        }
    }

    /** Loopback only, a free port, no TLS: for the desktop room and tests. */
    public static GatewayConfig local(AgentTokens tokens) {
        return new GatewayConfig("127.0.0.1", 0, tokens, null, null, Duration.ofSeconds(15), Duration.ofSeconds(60),
                0, 200, Duration.ofSeconds(60));
    }

    public GatewayConfig withAddress(String newHost, int newPort) {
        return new GatewayConfig(newHost, newPort, tokens, keystore, keystorePassword, pingInterval, idleTimeout,
                messagesPerSecond, floodCloseAfter, maxLongPoll);
    }

    public GatewayConfig withTls(Path newKeystore, String password) {
        return new GatewayConfig(host, port, tokens, newKeystore, password, pingInterval, idleTimeout,
                messagesPerSecond, floodCloseAfter, maxLongPoll);
    }

    public GatewayConfig withRateLimit(int newMessagesPerSecond, int newFloodCloseAfter) {
        return new GatewayConfig(host, port, tokens, keystore, keystorePassword, pingInterval, idleTimeout,
                newMessagesPerSecond, newFloodCloseAfter, maxLongPoll);
    }

    public GatewayConfig withTimeouts(Duration newPingInterval, Duration newIdleTimeout) {
        return new GatewayConfig(host, port, tokens, keystore, keystorePassword, newPingInterval, newIdleTimeout,
                messagesPerSecond, floodCloseAfter, maxLongPoll);
    }

    public boolean tls() {
        return keystore != null;
    }
}
