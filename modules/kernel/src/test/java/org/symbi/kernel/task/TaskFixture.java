package org.symbi.kernel.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.ManualClock;
import org.symbi.kernel.bus.SendResult;
import org.symbi.kernel.events.EventStream;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.kernel.guard.Guards;
import org.symbi.kernel.registry.AgentRegistry;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.Recipients;
import org.symbi.protocol.TaskOutcome;
import org.symbi.protocol.TaskResult;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.Tier;
import org.symbi.store.Database;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A task manager on a real database with a real registry and guards, a manual clock, and a dispatcher
 * that keeps what it is asked to send.
 */
final class TaskFixture implements AutoCloseable {
    final ObjectMapper json = new ObjectMapper();
    final ManualClock clock;
    final KernelConfig config;
    final Supplier<Database> opener;
    final List<Envelope> sent = new CopyOnWriteArrayList<>();
    final List<KernelEvent> published = new CopyOnWriteArrayList<>();
    /** Tasks whose agents wait for an approval, as the governance would say. */
    final Set<String> awaitingPeople = ConcurrentHashMap.newKeySet();
    EventStream events;
    Database db;
    AgentRegistry registry;
    Guards guards;
    TaskManager tasks;

    TaskFixture() {
        this(KernelConfig.defaults(), new ManualClock(), memory());
    }

    TaskFixture(KernelConfig config, ManualClock clock, Supplier<Database> opener) {
        this.config = config;
        this.clock = clock;
        this.opener = opener;
        start();
    }

    static Supplier<Database> memory() {
        String name = "tasks-" + UUID.randomUUID();
        return () -> Database.inMemory(name);
    }

    private void start() {
        events = new EventStream();
        events.subscribe(published::add);
        db = opener.get();
        registry = new AgentRegistry(db, json, clock, events, config.heartbeatTimeout(),
                config.maxHeartbeatsPerSecond());
        guards = new Guards(config, clock, events);
        tasks = new TaskManager(db, json, config, clock, events, registry, guards, e -> {
            sent.add(e);
            return CompletableFuture.completedFuture(SendResult.accepted(e.messageId(), List.of()));
        }, () -> Set.copyOf(awaitingPeople));
    }

    /** Closes the database and starts everything again on it, as a restarted kernel would. */
    void restart() {
        db.close();
        sent.clear();
        published.clear();
        start();
    }

    void agent(String id, int maxConcurrentTasks, String... capabilities) {
        registry.register(new AgentCard(id, "test", Tier.WORKER, List.of(capabilities), null, null, null, null, null,
                maxConcurrentTasks));
    }

    static TaskSpec spec(String id, List<String> capabilities, String... dependsOn) {
        return new TaskSpec(id, null, "task " + id, null, capabilities, null, null, null, List.of(dependsOn), null,
                null, null);
    }

    static TaskSpec spec(String id, String... dependsOn) {
        return spec(id, List.of("java"), dependsOn);
    }

    void tick() {
        tasks.tick();
    }

    TaskView task(String id) {
        return tasks.find(id).orElseThrow();
    }

    /** The task specs sent to an agent, oldest first. */
    List<TaskSpec> requestsTo(String agentId) {
        return sent.stream()
                .filter(e -> e.toAgent() instanceof Recipients.Direct d && d.agentId().equals(agentId))
                .map(e -> {
                    try {
                        return json.treeToValue(e.payload(), TaskSpec.class);
                    } catch (JsonProcessingException ex) {
                        throw new AssertionError(ex);
                    }
                })
                .toList();
    }

    ResultHandling succeed(String agentId, String taskId) {
        long epoch = task(taskId).epoch();
        return tasks.onResult(agentId, new TaskResult(taskId, epoch, TaskOutcome.SUCCESS,
                json.createObjectNode().put("by", agentId), null));
    }

    ResultHandling fail(String agentId, String taskId) {
        long epoch = task(taskId).epoch();
        return tasks.onResult(agentId, new TaskResult(taskId, epoch, TaskOutcome.FAILURE, null, "boom"));
    }

    <E extends KernelEvent> List<E> events(Class<E> type) {
        return published.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() {
        db.close();
    }
}
