package org.symbi.agents.liveroom;

import com.fasterxml.jackson.databind.JsonNode;
import org.symbi.gateway.Gateway;
import org.symbi.gateway.GatewayConfig;
import org.symbi.governance.AgentTokens;
import org.symbi.governance.ApproverRegistry;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.task.TaskView;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.TaskSpec;
import org.symbi.sdk.AgentClient;
import org.symbi.sdk.AgentHandler;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.symbi.store.DataDir;
import org.symbi.store.Database;

/**
 * A real room for agents' end-to-end tests: database, kernel (with its ledger and governance) and gateway on
 * loopback, agents connected through the SDK as in production.
 */
public final class LiveAgentRoom implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger ROOMS = new AtomicInteger();

    private final Database db = Database.inMemory("agents-room-" + ROOMS.incrementAndGet() + "-" + System.nanoTime());
    private final Kernel kernel;
    private final AgentTokens tokens;
    private final Gateway gateway;
    private final List<AgentClient> clients = new ArrayList<>();

    public LiveAgentRoom(Path tmp) throws IOException {
        this(tmp, approvers -> { }, KernelConfig.defaults());
    }

    /**
     * @param people registers approvers besides the room's local one, before the kernel reads them
     * @param config the kernel's tunables, e.g. a short task timeout
     */
    public LiveAgentRoom(Path tmp, Consumer<ApproverRegistry> people, KernelConfig config) throws IOException {
        DataDir dir = new DataDir(tmp.resolve("room")).ensureExists();
        people.accept(new ApproverRegistry(db, (actor, action, subject, outcome, payload) -> { }));
        kernel = new Kernel(db, dir, config, InstantSource.system()).start();
        tokens = new AgentTokens(db, AgentTokens.issuerKey(dir.resolve("keys")), "symbi-room", "symbi-gateway",
                AgentTokens.DEFAULT_LIFETIME, InstantSource.system(), (actor, action, subject, outcome, payload) -> { });
        gateway = Gateway.start(kernel, GatewayConfig.local(tokens));
    }

    public Kernel kernel() {
        return kernel;
    }

    /** The socket address agents connect to. */
    public URI uri() {
        return URI.create(gateway.address());
    }

    /** The REST address, {@code http://HOST:PORT}. */
    public URI httpUri() {
        return URI.create(gateway.httpAddress());
    }

    /** Grants the agent its card's capabilities and issues a token for them. */
    public String token(AgentCard card) {
        return token(card.agentId(), Set.copyOf(card.capabilities()));
    }

    /** Grants the agent these capabilities and issues a token for them, as the room does for its own agents. */
    public String token(String agentId, Set<String> capabilities) {
        tokens.grant(agentId, capabilities, Set.of());
        return tokens.issue(agentId, capabilities, Set.of());
    }

    /** Connects an agent with a fresh token and waits until the room routes tasks to it. */
    public AgentClient connect(AgentCard card, AgentHandler handler) throws IOException, InterruptedException {
        return connect(card, token(card), handler);
    }

    public AgentClient connect(AgentCard card, String token, AgentHandler handler)
            throws IOException, InterruptedException {
        AgentClient client = AgentClient.connect(uri(), token, card, handler);
        clients.add(client);
        await(() -> kernel.registry().find(card.agentId()).map(a -> a.online()).orElse(false));
        return client;
    }

    /** Creates a lone task for one capability. */
    public void createTask(String taskId, String capability, JsonNode input) {
        kernel.tasks().create(new TaskSpec(taskId, null, "task " + taskId, null, List.of(capability), null, null,
                null, null, null, null, input));
    }

    /** Waits until the task is as asked and answers it then. */
    public TaskView awaitTask(String taskId, Predicate<TaskView> condition) throws InterruptedException {
        await(() -> kernel.tasks().find(taskId).filter(condition).isPresent());
        return kernel.tasks().find(taskId).orElseThrow();
    }

    public static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        clients.forEach(AgentClient::close);
        gateway.close();
        kernel.close();
        db.close();
    }
}
