package org.symbi.agents.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.protocol.TaskSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What one test task asks, read from its input and completed from the agent's settings.
 *
 * @param input the task's input as given, passed on to the fix tasks
 */
record TestJob(Path worktree, String repository, String command, Duration timeout, int maxFixRounds,
               ObjectNode input) {

    /** @throws IllegalArgumentException with a message for the person who wrote the task */
    static TestJob of(TaskSpec task, TestSettings settings) {
        JsonNode in = task.input();
        if (in == null || !in.isObject()) {
            throw new IllegalArgumentException("the task has no input object; it needs at least {\"worktree\": DIR}");
        }
        String dir = text(in, "worktree");
        if (dir == null) {
            throw new IllegalArgumentException("the task's input names no worktree (input.worktree: the directory to test in)");
        }
        Path worktree = Path.of(dir);
        if (!Files.isDirectory(worktree)) {
            throw new IllegalArgumentException("the worktree " + worktree + " is not a directory here");
        }
        String repository = text(in, "repository") != null ? text(in, "repository")
                : String.valueOf(worktree.toAbsolutePath().normalize().getFileName());
        String command = text(in, "command") != null ? text(in, "command") : settings.commandFor(repository)
                .orElseThrow(() -> new IllegalArgumentException("no test command for repository '" + repository
                        + "': give input.command or configure one for the repository"));
        Duration timeout = in.hasNonNull("timeout_seconds") ? Duration.ofSeconds(positive(in, "timeout_seconds"))
                : settings.timeoutFor(repository);
        int rounds = in.hasNonNull("max_fix_rounds") ? in.get("max_fix_rounds").asInt(-1) : settings.maxFixRounds();
        if (rounds < 0) {
            throw new IllegalArgumentException("input.max_fix_rounds must be 0 or more, not " + in.get("max_fix_rounds"));
        }
        return new TestJob(worktree, repository, command, timeout, rounds, ((ObjectNode) in).deepCopy());
    }

    private static String text(JsonNode in, String field) {
        JsonNode n = in.get(field);
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    }

    private static long positive(JsonNode in, String field) {
        long v = in.get(field).asLong(0);
        if (v <= 0) {
            throw new IllegalArgumentException("input." + field + " must be a positive number, not " + in.get(field));
        }
        return v;
    }
}
