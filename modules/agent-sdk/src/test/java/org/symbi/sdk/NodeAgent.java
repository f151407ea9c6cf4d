package org.symbi.sdk;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Node.js example agent (examples/node-agent) running as a child process. Node and npm are required: a
 * missing {@code node} fails the test rather than skipping it, so the example cannot rot unnoticed.
 */
final class NodeAgent implements AutoCloseable {
    private final Process process;
    private final Path log;

    private NodeAgent(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static Path directory() {
        return Path.of(System.getProperty("basedir", ".")).resolve("../../examples/node-agent").normalize();
    }

    static NodeAgent start(URI wsUri, String token, String agentId) throws IOException, InterruptedException {
        Path dir = directory();
        run(dir, List.of("node", "--version"), "node is required for this test and was not found on the PATH");
        if (!Files.isDirectory(dir.resolve("node_modules/ws"))) {
            run(dir, List.of("npm", "ci", "--no-audit", "--no-fund"), "npm ci failed in " + dir);
        }
        Path log = Files.createTempFile("node-agent-" + agentId, ".log");
        ProcessBuilder pb = new ProcessBuilder("node", "agent.js").directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("SYMBI_URL", wsUri.toString());
        pb.environment().put("SYMBI_TOKEN", token);
        pb.environment().put("SYMBI_AGENT_ID", agentId);
        return new NodeAgent(pb.start(), log);
    }

    /** What the agent printed so far, for waiting on it and for assertion messages. */
    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(log);
    }

    /**
     * Runs a command with pipes of its own: inheriting the test JVM's streams would let it write into the test
     * runner's channel on stdout, and node sets a stdin it shares to non-blocking, which breaks the runner's reads.
     */
    private static void run(Path dir, List<String> command, String failure) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new AssertionError(failure + " (" + String.join(" ", command) + "): " + output);
            }
        } catch (IOException e) {
            throw new AssertionError(failure + ": " + e.getMessage(), e);
        }
    }
}
