package org.symbi.agents;

import com.fasterxml.jackson.databind.JsonNode;
import org.symbi.gateway.Gateway;
import org.symbi.gateway.GatewayConfig;
import org.symbi.governance.AgentTokens;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.kernel.supervisor.AdminToken;
import org.symbi.kernel.supervisor.AgentTemplate;
import org.symbi.kernel.supervisor.AgentTemplates;
import org.symbi.kernel.supervisor.LocalAgents;
import org.symbi.kernel.supervisor.RoomTokens;
import org.symbi.kernel.supervisor.SupervisorPolicy;
import org.symbi.kernel.task.TaskView;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.TaskStatus;
import org.symbi.store.DataDir;
import org.symbi.store.Database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A real room on a temporary data directory, wired as the desktop room wires it: kernel, ledger, the
 * room's token issuer, the gateway with its REST and admin APIs, and the supervisor of local agents with
 * the templates found in the data directory when it opens.
 */
public final class SupervisedRoom implements AutoCloseable {
    private static final AtomicInteger DB = new AtomicInteger();

    private final Database db = Database.inMemory("supervised-room-" + DB.incrementAndGet() + "-" + System.nanoTime());
    private final DataDir dir;
    private final Kernel kernel;
    private final AgentTokens tokens;
    private final Gateway gateway;
    private final LocalAgents local;
    private final List<KernelEvent.ErrorReported> errors = new CopyOnWriteArrayList<>();

    public SupervisedRoom(Path tmp) throws IOException {
        dir = new DataDir(tmp).ensureExists();
        kernel = new Kernel(db, dir, KernelConfig.defaults(), InstantSource.system()).start();
        kernel.events().subscribe(KernelEvent.ErrorReported.class, errors::add);
        tokens = RoomTokens.open(db, dir, kernel);
        AtomicReference<LocalAgents> supervisor = new AtomicReference<>();
        gateway = Gateway.start(kernel, GatewayConfig.local(tokens), dir, supervisor::get);
        local = new LocalAgents(dir, AgentTemplates.load(dir), tokens, gateway.address(), kernel.events(),
                kernel.clock(), SupervisorPolicy.defaults()).supervise(Duration.ofMillis(250));
        supervisor.set(local);
    }

    public Kernel kernel() {
        return kernel;
    }

    /** The room's database, for tests that tamper with what it stores. */
    public Database database() {
        return db;
    }

    public LocalAgents localAgents() {
        return local;
    }

    public DataDir dataDir() {
        return dir;
    }

    /** The WebSocket address agents connect to. */
    public String address() {
        return gateway.address();
    }

    /** The error reports agents sent the orchestrator, which the room shows as alerts. */
    public List<KernelEvent.ErrorReported> errors() {
        return errors;
    }

    /**
     * The environment the supervisor would give an agent with these capabilities, plus the admin token;
     * for a built-in agent run in this process.
     */
    public Map<String, String> env(String agentId, String... capabilities) {
        tokens.grant(agentId, Set.of(capabilities), Set.of());
        Map<String, String> env = new HashMap<>();
        env.put("SYMBI_URL", gateway.address());
        env.put("SYMBI_AGENT_ID", agentId);
        env.put("SYMBI_TOKEN", tokens.issue(agentId, Set.of(capabilities), Set.of()));
        env.put("SYMBI_ADMIN_TOKEN", AdminToken.loadOrCreate(dir).value());
        return env;
    }

    /** Creates a task for these capabilities. */
    public void createTask(String taskId, String title, List<String> capabilities, JsonNode input) {
        kernel.tasks().create(new TaskSpec(taskId, null, title, null, capabilities, null, null, null, null, null,
                null, input));
    }

    /** Waits until the task has ended, however it ended. */
    public TaskView awaitEnd(String taskId, Duration timeout) throws InterruptedException {
        await(timeout, () -> {
            TaskStatus s = kernel.tasks().find(taskId).orElseThrow().status();
            return s == TaskStatus.COMPLETED || s == TaskStatus.FAILED || s == TaskStatus.TIMED_OUT;
        }, () -> "task " + taskId + " to end: " + kernel.tasks().find(taskId).orElseThrow());
        return kernel.tasks().find(taskId).orElseThrow();
    }

    /**
     * Starts an agent from each template, gives each one task ({@code task-TEMPLATE}, for the template's
     * capability, named to that agent, with this input) and waits until every task has completed.
     *
     * @return the completed tasks by template id
     * @throws AssertionError naming the template, the task's detail and the agent's log when one did not
     */
    public Map<String, TaskView> runOneTaskEach(List<AgentTemplate> templates, Function<AgentTemplate, JsonNode> input,
                                                Duration timeout) throws InterruptedException {
        Map<String, AgentTemplate> started = new LinkedHashMap<>();
        for (AgentTemplate t : templates) {
            started.put(local.start(t.id()).agentId(), t);
        }
        started.forEach((agentId, t) -> kernel.tasks().create(new TaskSpec("task-" + t.id(), null,
                "One task for " + t.name(), null, List.of(t.capabilities().iterator().next()), List.of(agentId), null,
                null, null, null, null, input.apply(t))));
        Map<String, TaskView> ended = new LinkedHashMap<>();
        for (var e : started.entrySet()) {
            String id = e.getValue().id();
            TaskView task = awaitEnd("task-" + id, timeout);
            if (task.status() != TaskStatus.COMPLETED || !e.getKey().equals(task.assignedAgent())) {
                throw new AssertionError(id + ": " + task.status() + " by " + task.assignedAgent() + ", "
                        + task.detail() + "\nlog:\n" + log(e.getKey()));
            }
            ended.put(id, task);
        }
        return ended;
    }

    private String log(String agentId) {
        try {
            return Files.readString(local.logFile(agentId));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public static void await(Duration timeout, BooleanSupplier condition, Supplier<String> what)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("waited " + timeout + " for " + what.get());
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        local.close();
        gateway.close();
        kernel.close();
        db.close();
    }
}
