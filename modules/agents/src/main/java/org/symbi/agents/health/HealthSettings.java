package org.symbi.agents.health;

import org.symbi.agents.AgentEnv;

import java.time.Duration;

/**
 * What the health monitor watches for and how it reacts, from its template's environment.
 *
 * @param period          how often it checks the room ({@code SYMBI_HEALTH_PERIOD}, 30 s)
 * @param silentAfter     an agent without a heartbeat for this long, or a local agent whose process runs
 *                        this long without the agent being online, is silent ({@code SYMBI_HEALTH_SILENT_AFTER}, 30 s)
 * @param backlog         messages waiting in one agent's inbox that make a backlog ({@code SYMBI_HEALTH_BACKLOG}, 100)
 * @param errorRate       the share of failed task attempts that is too high ({@code SYMBI_HEALTH_ERROR_RATE}, 0.5)
 * @param errorMinimum    attempts needed before a rate counts ({@code SYMBI_HEALTH_ERROR_MIN_ATTEMPTS}, 5)
 * @param errorWindow     how far back task attempts count ({@code SYMBI_HEALTH_ERROR_WINDOW}, 10 min)
 * @param restart         whether silent local agents are restarted ({@code SYMBI_HEALTH_RESTART}, true)
 * @param restartCooldown the least time between two restarts from one template ({@code SYMBI_HEALTH_RESTART_COOLDOWN}, 5 min)
 * @param alertCooldown   the least time between two alerts of one code about one subject ({@code SYMBI_HEALTH_ALERT_COOLDOWN}, 10 min)
 */
public record HealthSettings(Duration period, Duration silentAfter, int backlog, double errorRate, int errorMinimum,
                             Duration errorWindow, boolean restart, Duration restartCooldown, Duration alertCooldown) {

    public static HealthSettings from(AgentEnv env) {
        return new HealthSettings(
                env.duration("SYMBI_HEALTH_PERIOD", Duration.ofSeconds(30)),
                env.duration("SYMBI_HEALTH_SILENT_AFTER", Duration.ofSeconds(30)),
                env.integer("SYMBI_HEALTH_BACKLOG", 100, 1),
                env.fraction("SYMBI_HEALTH_ERROR_RATE", 0.5),
                env.integer("SYMBI_HEALTH_ERROR_MIN_ATTEMPTS", 5, 1),
                env.duration("SYMBI_HEALTH_ERROR_WINDOW", Duration.ofMinutes(10)),
                env.flag("SYMBI_HEALTH_RESTART", true),
                env.duration("SYMBI_HEALTH_RESTART_COOLDOWN", Duration.ofMinutes(5)),
                env.duration("SYMBI_HEALTH_ALERT_COOLDOWN", Duration.ofMinutes(10)));
    }
}
