package org.symbi.agents;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.TaskSpec;
import org.symbi.sdk.AgentClient;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A monitor: every period it looks at the room, and when there is something to do it gives itself a task
 * for its capability ({@code POST /api/agents/tasks}, named to itself), so that what it decides is traced
 * with that task and the room shows the work like any other. A task for its capability from anyone else
 * runs the same check. Checks never run two at a time. A check that cannot be made (the room does not
 * answer, a token is refused) is raised as an alert, since a monitor that silently stops watching is worse
 * than none.
 */
public abstract class MonitorAgent implements BuiltInAgent {
    private static final System.Logger LOG = System.getLogger(MonitorAgent.class.getName());

    protected final RoomHttp room;
    protected final Clock clock;
    protected final Alerts alerts;
    private final String capability;
    private final Duration period;
    private final String unreadable;
    private final String unreadableMessage;
    private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("symbi-monitor-rounds").daemon(true).unstarted(r));
    /**
     * The round task given out and not yet handled, and when: no second one until it is handled, or until
     * ten periods have passed without the room assigning it.
     */
    private volatile String openRound;
    private volatile Instant openSince;

    /**
     * @param alertCooldown     the least time between two alerts of one code about one subject
     * @param unreadable        the code of the alert that the room cannot be read
     * @param unreadableMessage what that alert says, before the reason
     */
    protected MonitorAgent(RoomHttp room, String capability, Duration period, Clock clock, Duration alertCooldown,
                           String unreadable, String unreadableMessage) {
        this.room = room;
        this.capability = capability;
        this.period = period;
        this.clock = clock;
        this.alerts = new Alerts(clock, alertCooldown);
        this.unreadable = unreadable;
        this.unreadableMessage = unreadableMessage;
    }

    /**
     * Whether this round has something to do, and under what title: a cheap look at the room.
     *
     * @return the title of the round's task, or empty when there is nothing to do
     */
    protected abstract Optional<String> roundTitle(AgentClient client) throws IOException;

    /**
     * The check: reads the room, acts on what it finds (alerts, restarts) and traces its decisions.
     *
     * @return the report, the task's answer
     */
    protected abstract ObjectNode check(AgentClient client, String taskId) throws IOException;

    /** Why a check's task counts as failed (the ledger is broken), or null when it does not. */
    protected String taskFailure(ObjectNode report) {
        return null;
    }

    @Override
    public void connected(AgentClient client) {
        rounds.scheduleWithFixedDelay(() -> {
            try {
                round(client);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "monitor round failed; the next one tries again", e);
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void round(AgentClient client) {
        if (openRound != null && clock.instant().isBefore(openSince.plus(period.multipliedBy(10)))) {
            return;
        }
        try {
            Optional<String> title = roundTitle(client);
            alerts.clear(unreadable, "room");
            if (title.isEmpty()) {
                return;
            }
            String taskId = capability + "-" + client.agentId() + "-" + clock.millis();
            ObjectNode spec = JsonNodeFactory.instance.objectNode().put("task_id", taskId).put("title", title.get());
            spec.putArray("required_capabilities").add(capability);
            spec.putArray("assigned_agents").add(client.agentId());
            openSince = clock.instant();
            openRound = taskId;
            room.post("/api/agents/tasks", spec);
        } catch (IOException e) {
            openRound = null;
            checkFailed(client, null, e);
        }
    }

    @Override
    public void onTask(AgentClient client, TaskSpec task, Envelope request) {
        try {
            ObjectNode report = runCheck(client, task.taskId());
            String failure = taskFailure(report);
            if (failure == null) {
                client.completeTask(task, report);
            } else {
                client.failTask(task, failure);
            }
        } catch (IOException e) {
            client.failTask(task, e.getMessage());
        } finally {
            if (task.taskId().equals(openRound)) {
                openRound = null;
            }
        }
    }

    private synchronized ObjectNode runCheck(AgentClient client, String taskId) throws IOException {
        try {
            ObjectNode report = check(client, taskId);
            alerts.clear(unreadable, "room");
            return report;
        } catch (IOException e) {
            checkFailed(client, taskId, e);
            throw e;
        }
    }

    /** Raises that a check could not be made; {@code taskId} is null for a periodic look. */
    private void checkFailed(AgentClient client, String taskId, IOException why) {
        alerts.raise(client, unreadable, "room", unreadableMessage + ": " + why.getMessage(), taskId,
                JsonNodeFactory.instance.objectNode().put("error", why.getMessage()));
    }

    @Override
    public void close() {
        rounds.shutdownNow();
    }
}
