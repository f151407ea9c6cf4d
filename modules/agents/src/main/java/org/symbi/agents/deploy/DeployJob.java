package org.symbi.agents.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.symbi.protocol.ActionSpec;
import org.symbi.protocol.TaskSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;

/** What one deployment task asks: an artifact (the environment's own when the task names none) for a configured environment. */
record DeployJob(String taskId, Environment environment, Path artifact, String reason) {

    /** @throws IllegalArgumentException with a message for the person who wrote the task */
    static DeployJob of(TaskSpec task, DeploySettings settings) {
        JsonNode in = task.input() == null ? JsonNodeFactory.instance.objectNode() : task.input();
        String name = text(in, "environment");
        if (name == null) {
            throw new IllegalArgumentException("the task's input names no environment (input.environment)");
        }
        Environment env = settings.environments().get(name);
        if (env == null) {
            throw new IllegalArgumentException("no environment '" + name + "' is configured; configured: "
                    + String.join(", ", new TreeSet<>(settings.environments().keySet())));
        }
        String given = text(in, "artifact");
        String whose = "the artifact ";
        if (given == null) {
            given = env.artifact();
            whose = "environment " + name + "'s artifact ";
        }
        if (given == null) {
            throw new IllegalArgumentException("the task's input names no artifact (input.artifact: the built file to "
                    + "deploy) and environment " + name + " has none configured (\"artifact\" in its entry of "
                    + DeploySettings.ENVIRONMENTS_FILE + ")");
        }
        Path artifact = Path.of(given);
        if (!artifact.isAbsolute()) {
            String worktree = text(in, "worktree");
            if (worktree == null) {
                throw new IllegalArgumentException(whose + given + " is a relative path and the task names "
                        + "no worktree it would be relative to");
            }
            artifact = Path.of(worktree).resolve(artifact);
        }
        artifact = artifact.toAbsolutePath().normalize();
        if (!Files.exists(artifact)) {
            throw new IllegalArgumentException("the artifact " + artifact + " does not exist; build it first");
        }
        String why = task.title() != null ? task.title() : "task " + task.taskId();
        return new DeployJob(task.taskId(), env, artifact, "Deploy " + artifact.getFileName() + " to " + name + ": " + why);
    }

    /** The gated action: what approvers see is exactly what runs. */
    ActionSpec action() {
        return new ActionSpec(DeployAgent.ACTION, JsonNodeFactory.instance.objectNode()
                .put("environment", environment.name()).put("artifact", artifact.toString())
                .put("command", environment.deployCommand()));
    }

    private static String text(JsonNode in, String field) {
        JsonNode n = in.get(field);
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    }
}
