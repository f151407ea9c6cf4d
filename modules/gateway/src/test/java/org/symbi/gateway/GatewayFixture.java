package org.symbi.gateway;

import org.symbi.governance.AgentTokens;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.KernelConfig;
import org.symbi.store.DataDir;
import org.symbi.store.Database;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** A started kernel and gateway on loopback, with helpers to mint tokens and talk to it. */
final class GatewayFixture implements AutoCloseable {
    private static final AtomicInteger DB = new AtomicInteger();

    final Database db = Database.inMemory("gateway-" + DB.incrementAndGet() + "-" + System.nanoTime());
    final Path keys;
    final Kernel kernel;
    final AgentTokens tokens;
    final Gateway gateway;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    GatewayFixture(Path tmp, int messagesPerSecond, int floodCloseAfter) throws IOException {
        this(tmp, c -> c.withRateLimit(messagesPerSecond, floodCloseAfter));
    }

    GatewayFixture(Path tmp, UnaryOperator<GatewayConfig> settings) throws IOException {
        DataDir dir = new DataDir(tmp).ensureExists();
        kernel = new Kernel(db, dir, KernelConfig.defaults(), InstantSource.system()).start();
        keys = dir.resolve("keys");
        tokens = tokens(InstantSource.system());
        gateway = Gateway.start(kernel, settings.apply(GatewayConfig.local(tokens)));
    }

    AgentTokens tokens(InstantSource clock) {
        return new AgentTokens(db, AgentTokens.issuerKey(keys), "symbi-room", "symbi-gateway",
                AgentTokens.DEFAULT_LIFETIME, clock, (actor, action, subject, outcome, payload) -> { });
    }

    String token(String agentId, String... capabilities) {
        tokens.grant(agentId, Set.of(capabilities), Set.of());
        return tokens.issue(agentId, Set.of(capabilities), Set.of());
    }

    TestAgent connect(String agentId, String... capabilities) {
        TestAgent agent = TestAgent.connect(http, gateway.address(), token(agentId, capabilities));
        agent.await("\"frame\":\"welcome\"", "\"agent_id\":\"" + agentId + "\"");
        return agent;
    }

    /** Connects and registers, waiting for the register's receipt. */
    TestAgent register(String agentId, String... capabilities) {
        TestAgent agent = connect(agentId, capabilities);
        String id = "reg-" + agentId;
        agent.send(envelope(id, agentId, "orchestrator", "register",
                "{\"agent_id\":\"" + agentId + "\",\"agent_type\":\"test\",\"capabilities\":"
                        + json(List.of(capabilities)) + "}", ""));
        agent.await("\"receipt\"", id, "accepted");
        return agent;
    }

    static String envelope(String id, String from, String to, String type, String payload, String extra) {
        return "{\"message_id\":\"" + id + "\",\"from_agent\":\"" + from + "\",\"to_agent\":" + to(to)
                + ",\"message_type\":\"" + type + "\",\"timestamp\":" + System.currentTimeMillis()
                + ",\"payload\":" + payload + extra + "}";
    }

    private static String to(String to) {
        return to.startsWith("[") ? to : "\"" + to + "\"";
    }

    static String json(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").reduce((a, b) -> a + "," + b)
                .map(s -> "[" + s + "]").orElse("[]");
    }

    HttpResponse<String> get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(gateway.httpAddress() + path)).GET(), token);
    }

    HttpResponse<String> post(String path, String token, String body) {
        return send(HttpRequest.newBuilder(URI.create(gateway.httpAddress() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.timeout(Duration.ofSeconds(40)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        gateway.close();
        kernel.close();
        db.close();
        http.close();
    }
}
