package org.symbi.agents.health;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What counts as unhealthy in a snapshot of the room, against the monitor's limits. */
public final class HealthRules {
    public static final String AGENT_SILENT = "agent_silent";
    public static final String QUEUE_BACKLOG = "queue_backlog";
    public static final String ERROR_RATE = "error_rate";

    private static final Set<String> FAILED = Set.of("failed", "timed_out");

    private HealthRules() {
    }

    /**
     * The findings in a snapshot, silent agents first. The monitor leaves itself out: if it can look, it is
     * not silent.
     */
    public static List<Finding> findings(RoomSnapshot s, HealthSettings limits, String self) {
        List<Finding> out = new ArrayList<>();
        silentAgents(s, limits, self, out);
        backlogs(s, limits, out);
        errorRates(s, limits, out);
        return out;
    }

    private static void silentAgents(RoomSnapshot s, HealthSettings limits, String self, List<Finding> out) {
        Map<String, RoomSnapshot.LocalAgent> running = s.local().stream().filter(l -> "RUNNING".equals(l.state()))
                .collect(Collectors.toMap(RoomSnapshot.LocalAgent::agentId, Function.identity()));
        Map<String, RoomSnapshot.Agent> registered = s.agents().stream()
                .collect(Collectors.toMap(RoomSnapshot.Agent::agentId, Function.identity()));
        long limit = limits.silentAfter().toMillis();
        for (RoomSnapshot.Agent a : s.agents()) {
            if (a.agentId().equals(self) || a.offline() || a.lastHeartbeat() == null) {
                continue;
            }
            long silent = Duration.between(a.lastHeartbeat(), s.at()).toMillis();
            if (silent > limit) {
                RoomSnapshot.LocalAgent local = running.get(a.agentId());
                out.add(new Finding(AGENT_SILENT, a.agentId(), "Agent " + a.agentId() + " has sent no heartbeat for "
                        + seconds(silent) + " (limit " + seconds(limit) + ") but is still listed as " + a.status(),
                        detail().put("last_heartbeat", a.lastHeartbeat().toString()).put("silent_ms", silent)
                                .put("limit_ms", limit).put("status", a.status()), local));
            }
        }
        for (RoomSnapshot.LocalAgent l : running.values()) {
            Optional<RoomSnapshot.Agent> a = Optional.ofNullable(registered.get(l.agentId()));
            if (l.agentId().equals(self) || l.startedAt() == null || a.isPresent() && !a.get().offline()) {
                continue;
            }
            long ranFor = Duration.between(l.startedAt(), s.at()).toMillis();
            Instant heard = a.map(RoomSnapshot.Agent::lastHeartbeat).orElse(null);
            long silent = heard == null ? ranFor : Math.min(ranFor, Duration.between(heard, s.at()).toMillis());
            if (silent > limit) {
                out.add(new Finding(AGENT_SILENT, l.agentId(), "Local agent " + l.agentId() + " (template "
                        + l.template() + ") has been running for " + seconds(ranFor) + " without being online in the"
                        + " room (" + (a.isEmpty() ? "never registered" : "offline") + "; limit " + seconds(limit) + ")",
                        detail().put("template", l.template()).put("started_at", l.startedAt().toString())
                                .put("silent_ms", silent).put("limit_ms", limit).put("registered", a.isPresent()), l));
            }
        }
    }

    private static void backlogs(RoomSnapshot s, HealthSettings limits, List<Finding> out) {
        new TreeMap<>(s.waiting()).forEach((agent, waiting) -> {
            if (waiting >= limits.backlog()) {
                out.add(new Finding(QUEUE_BACKLOG, agent, waiting + " messages wait in the inbox of " + agent
                        + " (limit " + limits.backlog() + ")",
                        detail().put("waiting", waiting).put("limit", limits.backlog()), null));
            }
        });
    }

    /**
     * Failed attempts among the tasks that changed within the window, per set of capabilities the tasks
     * need: a task's failed attempts count even when a later attempt succeeded.
     */
    private static void errorRates(RoomSnapshot s, HealthSettings limits, List<Finding> out) {
        Map<String, List<RoomSnapshot.Task>> byNeed = new TreeMap<>();
        for (RoomSnapshot.Task t : s.tasks()) {
            String need = t.capabilities().isEmpty() ? "any" : String.join("+", new TreeSet<>(t.capabilities()));
            byNeed.computeIfAbsent(need, k -> new ArrayList<>()).add(t);
        }
        byNeed.forEach((need, tasks) -> {
            int failed = tasks.stream().mapToInt(RoomSnapshot.Task::attempts).sum();
            int succeeded = (int) tasks.stream().filter(t -> "completed".equals(t.status())).count();
            int attempts = failed + succeeded;
            double rate = attempts == 0 ? 0 : (double) failed / attempts;
            if (attempts >= limits.errorMinimum() && rate >= limits.errorRate()) {
                Set<String> failing = tasks.stream().filter(t -> FAILED.contains(t.status()) && t.assignedAgent() != null)
                        .map(RoomSnapshot.Task::assignedAgent).collect(Collectors.toCollection(TreeSet::new));
                out.add(new Finding(ERROR_RATE, need, "Tasks needing " + need + ": " + failed + " of " + attempts
                        + " attempts failed in the last " + seconds(limits.errorWindow().toMillis()) + " ("
                        + percent(rate) + ", limit " + percent(limits.errorRate()) + ")"
                        + (failing.isEmpty() ? "" : "; failed for good on " + String.join(", ", failing)),
                        detail().put("failed_attempts", failed).put("attempts", attempts).put("rate", rate)
                                .put("limit", limits.errorRate()).put("window_ms", limits.errorWindow().toMillis()),
                        null));
            }
        });
    }

    private static ObjectNode detail() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static String seconds(long millis) {
        return millis >= 120_000 ? millis / 60_000 + " min" : millis / 1000 + " s";
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.0f%%", rate * 100);
    }
}
