package org.symbi.agents.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.symbi.agents.ConfigJson;

import java.time.Duration;
import java.util.Set;

/**
 * Where the deployment agent deploys, as commands a person configures. Commands run through the shell in
 * the agent's working directory and read what to deploy from the environment variables
 * {@code SYMBI_ENVIRONMENT}, {@code SYMBI_ARTIFACT} (the artifact being put live), {@code SYMBI_PREVIOUS_ARTIFACT}
 * (what was live before, if anything) and {@code SYMBI_TASK_ID}; the artifact is never spliced into the
 * command text. During a rollback {@code SYMBI_ARTIFACT} is the earlier release going back live and
 * {@code SYMBI_PREVIOUS_ARTIFACT} the one that failed.
 *
 * @param deployCommand   puts {@code $SYMBI_ARTIFACT} live
 * @param healthCheck     an {@code http://} or {@code https://} URL that must answer 2xx, or a command that must exit 0
 * @param rollbackCommand puts {@code $SYMBI_ARTIFACT} (then the earlier release) live again; null to use the deploy command
 * @param gated           whether a deploy here needs a warrant (by default only production's do)
 * @param healthAttempts  how many times the health check is tried before the release counts as unhealthy
 * @param healthInterval  the wait between tries
 * @param commandTimeout  how long one command (deploy, rollback, health) may run
 * @param artifact        what a deploy task that names no artifact deploys here (relative: to the task's
 *                        worktree), or null: such tasks fail
 */
public record Environment(String name, String deployCommand, String healthCheck, String rollbackCommand,
                          boolean gated, int healthAttempts, Duration healthInterval, Duration commandTimeout,
                          String artifact) {
    public static final String PRODUCTION = "production";
    private static final Set<String> FIELDS = Set.of("name", "deploy", "health", "rollback", "timeout", "gated",
            "healthAttempts", "healthInterval", "artifact");

    public Environment {
        if (name == null || name.isBlank() || deployCommand == null || deployCommand.isBlank()) {
            throw new IllegalArgumentException("an environment needs a name and a deploy command");
        }
        if (healthCheck == null || healthCheck.isBlank()) {
            throw new IllegalArgumentException("environment " + name + " needs a health check (a URL or a command)");
        }
        if (healthAttempts < 1) {
            throw new IllegalArgumentException("environment " + name + " must try its health check at least once");
        }
        if (artifact != null && artifact.isBlank()) {
            artifact = null;
        }
    }

    /**
     * Deploys gated in production only; the health check tried 5 times, 2 s apart; 10 minutes per command; no
     * default artifact.
     */
    public static Environment of(String name, String deployCommand, String healthCheck) {
        return new Environment(name, deployCommand, healthCheck, null, PRODUCTION.equals(name), 5,
                Duration.ofSeconds(2), Duration.ofMinutes(10), null);
    }

    /**
     * One entry of an environments file: {@code name}, {@code deploy} and {@code health} required;
     * {@code rollback}, {@code timeout} (per command, e.g. {@code "10m"}), {@code gated},
     * {@code healthAttempts}, {@code healthInterval} (e.g. {@code "2s"}) and {@code artifact} over the defaults
     * of {@link #of}.
     *
     * @throws IllegalArgumentException naming the environment and the field
     */
    public static Environment fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("an environment must be a JSON object");
        }
        String name = ConfigJson.requiredText(node, "name");
        try {
            ConfigJson.refuseUnknown(node, FIELDS, "environment " + name);
            Environment d = of(name, ConfigJson.requiredText(node, "deploy"), ConfigJson.requiredText(node, "health"));
            return new Environment(name, d.deployCommand(), d.healthCheck(), ConfigJson.text(node, "rollback", null),
                    ConfigJson.flag(node, "gated", d.gated()), ConfigJson.integer(node, "healthAttempts",
                    d.healthAttempts(), 1), ConfigJson.duration(node, "healthInterval", d.healthInterval()),
                    ConfigJson.duration(node, "timeout", d.commandTimeout()), ConfigJson.text(node, "artifact", null));
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("environment " + name) ? e
                    : new IllegalArgumentException("environment " + name + ": " + e.getMessage(), e);
        }
    }

    public Environment withRollback(String command) {
        return new Environment(name, deployCommand, healthCheck, command, gated, healthAttempts, healthInterval,
                commandTimeout, artifact);
    }

    public Environment withHealthTries(int attempts, Duration interval) {
        return new Environment(name, deployCommand, healthCheck, rollbackCommand, gated, attempts, interval,
                commandTimeout, artifact);
    }

    public Environment gated(boolean needsWarrant) {
        return new Environment(name, deployCommand, healthCheck, rollbackCommand, needsWarrant, healthAttempts,
                healthInterval, commandTimeout, artifact);
    }

    /** @param path what tasks that name no artifact deploy here; relative: to the task's worktree */
    public Environment withArtifact(String path) {
        return new Environment(name, deployCommand, healthCheck, rollbackCommand, gated, healthAttempts,
                healthInterval, commandTimeout, path);
    }

    boolean healthCheckIsUrl() {
        String h = healthCheck.strip().toLowerCase(java.util.Locale.ROOT);
        return h.startsWith("http://") || h.startsWith("https://");
    }

    String rollbackOrDeployCommand() {
        return rollbackCommand != null ? rollbackCommand : deployCommand;
    }
}
