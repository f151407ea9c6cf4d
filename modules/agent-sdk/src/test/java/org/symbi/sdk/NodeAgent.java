package org.symbi.sdk;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Node.js example agent (examples/node-agent) as a child process. Node and npm are required: a
 * missing {@code node} fails the test rather than skipping it, so the example cannot rot unnoticed.
 */
final class NodeAgent {
    private NodeAgent() {
    }

    static Path directory() {
        return Path.of(System.getProperty("basedir", ".")).resolve("../../examples/node-agent").normalize();
    }

    static Process start(URI wsUri, String token, String agentId) throws IOException, InterruptedException {
        Path dir = directory();
        run(dir, List.of("node", "--version"), "node is required for this test and was not found on the PATH");
        if (!Files.isDirectory(dir.resolve("node_modules/ws"))) {
            run(dir, List.of("npm", "ci", "--no-audit", "--no-fund"), "npm ci failed in " + dir);
        }
        ProcessBuilder pb = new ProcessBuilder("node", "agent.js").directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent-" + agentId + ".log").toFile());
        pb.environment().put("SYMBI_URL", wsUri.toString());
        pb.environment().put("SYMBI_TOKEN", token);
        pb.environment().put("SYMBI_AGENT_ID", agentId);
        return pb.start();
    }

    /** What the agent printed, for assertion messages. */
    static String output(Process agent) throws IOException {
        Path log = Files.list(directory()).filter(p -> p.getFileName().toString().matches("agent-.*\\.log"))
                .findFirst().orElse(null);
        return log == null ? "(no output)" : Files.readString(log);
    }

    static void stop(Process agent) throws InterruptedException, IOException {
        agent.destroy();
        if (!agent.waitFor(5, TimeUnit.SECONDS)) {
            agent.destroyForcibly();
        }
        try (var logs = Files.list(directory())) {
            for (Path p : logs.filter(p -> p.getFileName().toString().matches("agent-.*\\.log")).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void run(Path dir, List<String> command, String failure) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new AssertionError(failure + " (" + String.join(" ", command) + ")");
            }
        } catch (IOException e) {
            throw new AssertionError(failure + ": " + e.getMessage(), e);
        }
    }
}
