package org.symbi.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import org.symbi.gateway.Gateway;
import org.symbi.gateway.GatewayConfig;
import org.symbi.governance.AgentTokens;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.task.TaskView;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.TaskStatus;
import org.symbi.store.DataDir;
import org.symbi.store.Database;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** A real kernel and gateway on loopback, for end-to-end tests of agents. */
public final class LiveRoom implements AutoCloseable {
    private static final AtomicInteger DB = new AtomicInteger();

    private final Database db = Database.inMemory("live-room-" + DB.incrementAndGet() + "-" + System.nanoTime());
    private final Kernel kernel;
    private final AgentTokens tokens;
    private final Gateway gateway;

    public LiveRoom(Path tmp) throws IOException {
        this(tmp, UnaryOperator.identity());
    }

    /** @param network adjusts the gateway's local configuration, e.g. to serve TLS */
    public LiveRoom(Path tmp, UnaryOperator<GatewayConfig> network) throws IOException {
        DataDir dir = new DataDir(tmp).ensureExists();
        kernel = new Kernel(db, dir, KernelConfig.defaults(), InstantSource.system()).start();
        tokens = new AgentTokens(db, AgentTokens.issuerKey(dir.resolve("keys")), "symbi-room", "symbi-gateway",
                AgentTokens.DEFAULT_LIFETIME, InstantSource.system(), (actor, action, subject, outcome, payload) -> { });
        gateway = Gateway.start(kernel, network.apply(GatewayConfig.local(tokens)));
    }

    /** The WebSocket address, {@code ws://…/ws}. */
    public URI uri() {
        return URI.create(gateway.address());
    }

    /** The REST address, {@code http://HOST:PORT}, where agents that poll connect. */
    public URI httpUri() {
        return URI.create(gateway.httpAddress());
    }

    public Kernel kernel() {
        return kernel;
    }

    /** Grants the agent its capabilities and issues a token for them. */
    public String token(String agentId, String... capabilities) {
        tokens.grant(agentId, Set.of(capabilities), Set.of());
        return tokens.issue(agentId, Set.of(capabilities), Set.of());
    }

    /** Creates a task for a capability and waits until it has ended, however it ended. */
    public TaskView runTask(String taskId, String capability, JsonNode input, Duration timeout)
            throws InterruptedException {
        kernel.tasks().create(new TaskSpec(taskId, null, "task " + taskId, null, List.of(capability), null, null,
                null, null, null, null, input));
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            TaskView t = kernel.tasks().find(taskId).orElseThrow();
            if (t.status() == TaskStatus.COMPLETED || t.status() == TaskStatus.FAILED) {
                return t;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("task " + taskId + " did not end within " + timeout + ": "
                + kernel.tasks().find(taskId).orElseThrow());
    }

    /** Waits until the agent is registered and online, so a task created now is routed to it. */
    public void awaitOnline(String agentId, Duration timeout) throws InterruptedException {
        Eventually.await(timeout, () -> kernel.registry().find(agentId).map(a -> a.online()).orElse(false));
    }

    @Override
    public void close() {
        gateway.close();
        kernel.close();
        db.close();
    }
}
