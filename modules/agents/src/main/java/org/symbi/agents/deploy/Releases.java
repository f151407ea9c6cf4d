package org.symbi.agents.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * What is live in each environment, and what was before it, kept in a small JSON file so that a rollback
 * knows where to go back to after a restart too:
 * {@code {"dev": {"current": {"artifact", "deployed_at", "task_id"}, "previous": {…}}}}.
 */
final class Releases {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Release(String artifact, Instant deployedAt, String taskId) {
    }

    private final Path file;

    Releases(Path file) {
        this.file = file;
    }

    synchronized Optional<Release> current(String environment) throws IOException {
        return release(read().path(environment).path("current"));
    }

    /** The release is live: what was live becomes the previous one. */
    synchronized void deployed(String environment, Release release) throws IOException {
        ObjectNode all = read();
        ObjectNode env = all.has(environment) ? (ObjectNode) all.get(environment) : all.putObject(environment);
        if (env.has("current")) {
            env.set("previous", env.get("current"));
        }
        env.putObject("current").put("artifact", release.artifact()).put("deployed_at", release.deployedAt().toString())
                .put("task_id", release.taskId());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path next = file.resolveSibling(file.getFileName() + ".next");
        JSON.writerWithDefaultPrettyPrinter().writeValue(next.toFile(), all);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private ObjectNode read() throws IOException {
        if (!Files.exists(file)) {
            return JSON.createObjectNode();
        }
        JsonNode n = JSON.readTree(file.toFile());
        if (!(n instanceof ObjectNode o)) {
            throw new IOException("the release file " + file + " does not hold an object");
        }
        return o;
    }

    private static Optional<Release> release(JsonNode n) {
        if (!n.isObject() || !n.hasNonNull("artifact")) {
            return Optional.empty();
        }
        return Optional.of(new Release(n.get("artifact").asText(), Instant.parse(n.path("deployed_at").asText()),
                n.path("task_id").asText(null)));
    }
}
