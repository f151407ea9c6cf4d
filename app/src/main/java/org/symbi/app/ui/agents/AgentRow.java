package org.symbi.app.ui.agents;

import org.symbi.kernel.registry.AgentView;
import org.symbi.kernel.supervisor.AgentTemplate;
import org.symbi.kernel.supervisor.LocalAgentState;
import org.symbi.kernel.supervisor.LocalAgentView;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.AgentStatus;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One agent in the list: what the registry knows of it (null until it has registered) and, for an agent
 * the room runs itself, its process (null for agents that connect from elsewhere).
 *
 * @param template the template a local agent was started from, when the room still knows it
 * @param logFile  where a local agent's output goes; null for other agents
 */
public record AgentRow(String agentId, AgentView registered, LocalAgentView local, AgentTemplate template,
                       Path logFile) {

    public boolean isRegistered() {
        return registered != null;
    }

    /** Run by this room as a child process. */
    public boolean isLocal() {
        return local != null;
    }

    /** The card it registered with, or null before it has registered. */
    public AgentCard card() {
        return registered == null ? null : registered.card();
    }

    public String type() {
        if (registered != null) {
            return registered.card().agentType();
        }
        return template != null ? template.agentType() : "";
    }

    public String tier() {
        return registered == null ? "" : registered.card().tier().wire();
    }

    /** Null until it has registered. */
    public AgentStatus status() {
        return registered == null ? null : registered.status();
    }

    public String statusText() {
        return registered == null ? "not registered" : registered.status().wire();
    }

    public double load() {
        return registered == null ? 0 : registered.load();
    }

    public List<String> capabilities() {
        if (registered != null) {
            return registered.card().capabilities();
        }
        return template != null ? List.copyOf(template.capabilities()) : List.of();
    }

    public String repository() {
        return registered == null || registered.card().repository() == null ? "" : registered.card().repository();
    }

    /** The WebSocket address the room dials, for agents that run their own server. */
    public String endpoint() {
        return registered == null || registered.card().endpoint() == null ? "" : registered.card().endpoint();
    }

    /** Whether its process can be stopped now. */
    public boolean canStop() {
        return local != null && (local.state() == LocalAgentState.RUNNING || local.state() == LocalAgentState.RESTARTING);
    }

    /** The local process in a few words: "running (pid 4242)", "failed", or "" for other agents. */
    public String processText() {
        if (local == null) {
            return "";
        }
        String state = local.state().name().toLowerCase(Locale.ROOT);
        return local.pid() > 0 ? state + " (pid " + local.pid() + ")" : state;
    }

    AgentRow withStatus(AgentStatus status) {
        if (registered == null) {
            return this;
        }
        AgentView v = registered;
        return new AgentRow(agentId, new AgentView(v.card(), status, v.load(), v.activeTasks(), v.lastHeartbeat(),
                v.registeredAt()), local, template, logFile);
    }

    AgentRow withLoad(double load, int activeTasks) {
        if (registered == null) {
            return this;
        }
        AgentView v = registered;
        return new AgentRow(agentId, new AgentView(v.card(), v.status(), load, activeTasks, v.lastHeartbeat(),
                v.registeredAt()), local, template, logFile);
    }
}
