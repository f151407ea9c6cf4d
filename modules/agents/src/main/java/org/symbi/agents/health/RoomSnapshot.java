package org.symbi.agents.health;

import com.fasterxml.jackson.databind.JsonNode;
import org.symbi.agents.RoomHttp;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the health monitor reads from the room in one round: the registry (status and last heartbeat of
 * each agent), the inbox depths, the tasks that changed within the error window, and, with the admin
 * token, the local agents the room supervises.
 *
 * @param waiting messages waiting per agent inbox
 * @param local   the supervised local agents; empty without the admin token
 */
public record RoomSnapshot(Instant at, List<Agent> agents, Map<String, Integer> waiting, List<Task> tasks,
                           List<LocalAgent> local) {

    /** One agent in the registry; {@code status} as on the wire: available, busy, offline … */
    public record Agent(String agentId, String status, Instant lastHeartbeat) {
        boolean offline() {
            return "offline".equals(status);
        }
    }

    /** A task as far as error rates go: its status, failed attempts and what it needs. */
    public record Task(String taskId, String status, int attempts, String assignedAgent, List<String> capabilities) {
    }

    /** A local agent the room runs as a child process; {@code state} RUNNING, RESTARTING, STOPPED … */
    public record LocalAgent(String agentId, String template, String state, Instant startedAt) {
    }

    /** Reads the room at {@code now}; tasks changed since {@code now - errorWindow}. */
    public static RoomSnapshot read(RoomHttp room, Instant now, Duration errorWindow) throws IOException {
        List<Agent> agents = new ArrayList<>();
        for (JsonNode a : room.get("/api/agents")) {
            agents.add(new Agent(a.path("agent_id").asText(), a.path("status").asText(), millis(a.get("last_heartbeat"))));
        }
        Map<String, Integer> waiting = new LinkedHashMap<>();
        for (JsonNode q : room.get("/api/queues")) {
            waiting.put(q.path("agent_id").asText(), q.path("waiting").asInt());
        }
        List<Task> tasks = new ArrayList<>();
        long since = now.minus(errorWindow).toEpochMilli();
        for (JsonNode t : room.get("/api/tasks?limit=1000&updated_since=" + since)) {
            List<String> caps = new ArrayList<>();
            t.path("spec").path("required_capabilities").forEach(c -> caps.add(c.asText()));
            tasks.add(new Task(t.path("task_id").asText(), t.path("status").asText(), t.path("attempts").asInt(),
                    t.path("assigned_agent").isTextual() ? t.path("assigned_agent").asText() : null, caps));
        }
        List<LocalAgent> local = new ArrayList<>();
        if (room.mayAdminister()) {
            for (JsonNode l : room.adminGet("/admin/agents").path("agents")) {
                local.add(new LocalAgent(l.path("agent_id").asText(), l.path("template").asText(),
                        l.path("state").asText(), l.path("started_at").isTextual()
                        ? Instant.parse(l.path("started_at").asText()) : null));
            }
        }
        return new RoomSnapshot(now, agents, waiting, tasks, local);
    }

    private static Instant millis(JsonNode n) {
        return n == null || !n.isNumber() ? null : Instant.ofEpochMilli(n.asLong());
    }
}
