package org.symbi.agents.health;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.agents.AgentEnv;
import org.symbi.agents.AgentKind;
import org.symbi.agents.Alerts;
import org.symbi.agents.BuiltInAgent;
import org.symbi.agents.MonitorAgent;
import org.symbi.agents.RoomHttp;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Tier;
import org.symbi.sdk.AgentClient;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The health monitor: every period it reads the room's registry, inbox depths and recent tasks over the
 * REST API (and the supervised local agents over the admin API), and for each finding of
 * {@link HealthRules} raises an alert ({@code agent_silent}, {@code queue_backlog}, {@code error_rate}). A
 * silent agent that the room runs as a local process is restarted through the admin API (stopped, and
 * started again from its template), at most once per cooldown per template. Every alert and restart is a
 * decision in the monitor's trace, with what was measured.
 */
public final class HealthMonitor extends MonitorAgent {
    public static final String CAPABILITY = "health";
    /** Raised when the monitor cannot read the room. */
    public static final String CHECK_FAILED = "health_check_failed";

    private final HealthSettings settings;
    /** When each template last had an agent restarted. */
    private final Map<String, Instant> restarts = new ConcurrentHashMap<>();

    public HealthMonitor(RoomHttp room, HealthSettings settings, Clock clock) {
        super(room, CAPABILITY, settings.period(), clock, settings.alertCooldown(), CHECK_FAILED,
                "The health monitor cannot read the room");
        this.settings = settings;
    }

    @Override
    public AgentCard card(String agentId) {
        return new AgentCard(agentId, "health-monitor", Tier.MONITOR, List.of(CAPABILITY), null, null, null, null,
                null, 1);
    }

    /** A round has work when some finding's alert is not cooling down; the title names them. */
    @Override
    protected Optional<String> roundTitle(AgentClient client) throws IOException {
        RoomSnapshot snapshot = RoomSnapshot.read(room, clock.instant(), settings.errorWindow());
        List<String> due = HealthRules.findings(snapshot, settings, client.agentId()).stream()
                .filter(f -> alerts.due(f.code(), f.subject())).map(f -> f.code() + " " + f.subject()).toList();
        return due.isEmpty() ? Optional.empty() : Optional.of("Health: " + String.join(", ", due));
    }

    @Override
    protected ObjectNode check(AgentClient client, String taskId) throws IOException {
        Instant now = clock.instant();
        RoomSnapshot snapshot = RoomSnapshot.read(room, now, settings.errorWindow());
        ObjectNode report = JsonNodeFactory.instance.objectNode().put("checked_at", now.toString())
                .put("agents", snapshot.agents().size()).put("local_agents", snapshot.local().size())
                .put("tasks_in_window", snapshot.tasks().size());
        ArrayNode found = report.putArray("findings");
        for (Finding f : HealthRules.findings(snapshot, settings, client.agentId())) {
            ObjectNode entry = found.addObject().put("code", f.code()).put("subject", f.subject())
                    .put("message", f.message());
            String message = f.message();
            if (f.restart() != null) {
                String outcome = restart(client, f.restart(), taskId, now);
                entry.put("restart", outcome);
                message += "; " + outcome;
            }
            entry.put("alerted", alerts.raise(client, f.code(), f.subject(), message, taskId, f.detail()));
        }
        return report;
    }

    /** Restarts a silent local agent unless restarts are off, not allowed, or its template is cooling down. */
    private String restart(AgentClient client, RoomSnapshot.LocalAgent agent, String taskId, Instant now) {
        if (!settings.restart()) {
            return "not restarted: restarts are off";
        }
        if (!room.mayAdminister()) {
            return "not restarted: the monitor has no admin token";
        }
        Instant last = restarts.get(agent.template());
        if (last != null && now.isBefore(last.plus(settings.restartCooldown()))) {
            return "not restarted: template " + agent.template() + " had an agent restarted at " + last
                    + " (cooldown " + settings.restartCooldown().toSeconds() + " s)";
        }
        restarts.put(agent.template(), now);
        ObjectNode detail = JsonNodeFactory.instance.objectNode().put("agent_id", agent.agentId())
                .put("template", agent.template());
        try {
            room.adminPost("/admin/agents/" + agent.agentId() + "/stop", JsonNodeFactory.instance.objectNode());
            String fresh = room.adminPost("/admin/agents/start",
                    JsonNodeFactory.instance.objectNode().put("template", agent.template())).path("agent_id").asText();
            client.trace(Alerts.decision(taskId, "restarted silent local agent " + agent.agentId() + " as " + fresh,
                    detail.put("new_agent_id", fresh)));
            return "restarted as " + fresh;
        } catch (IOException e) {
            client.trace(Alerts.decision(taskId, "could not restart " + agent.agentId() + ": " + e.getMessage(),
                    detail.put("error", e.getMessage())));
            return "restart failed: " + e.getMessage();
        }
    }

    /** The {@code health} kind of {@link org.symbi.agents.AgentMain}. */
    public static final class Kind implements AgentKind {
        @Override
        public String name() {
            return "health";
        }

        @Override
        public BuiltInAgent create(AgentEnv env) throws IOException {
            return new HealthMonitor(RoomHttp.fromEnv(env), HealthSettings.from(env), Clock.systemUTC());
        }
    }
}
