package org.symbi.agents.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** One run of the wrapped tool: its output line by line as it comes, its exit status, or a timeout. */
final class ToolRun {
    /** Lines kept to explain a failure. */
    private static final int TAIL = 20;

    /**
     * @param exitStatus the tool's exit status; meaningless when it timed out
     * @param tail       its last lines of output
     */
    record Outcome(int exitStatus, boolean timedOut, List<String> tail) {
    }

    private ToolRun() {
    }

    /**
     * Runs the command in {@code dir} with {@code env} added to this process's environment, standard output
     * and errors together, each line to {@code lines}. A tool still running at the timeout is stopped, with
     * the processes it started.
     */
    static Outcome run(List<String> command, Path dir, Map<String, String> env, Duration timeout,
                       Consumer<String> lines) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        Deque<String> tail = new ArrayDeque<>();
        Thread reader = Thread.ofVirtual().name("symbi-cli-output").start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > TAIL) {
                            tail.removeFirst();
                        }
                    }
                    lines.accept(line);
                }
            } catch (IOException stopped) {
                // the tool was stopped at its timeout: its output ends here
            }
        });
        boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
        }
        // A child that outlived the tool may hold its output open: do not wait for it for ever.
        reader.join(Duration.ofSeconds(5));
        synchronized (tail) {
            return new Outcome(finished ? p.exitValue() : -1, !finished, List.copyOf(tail));
        }
    }
}
