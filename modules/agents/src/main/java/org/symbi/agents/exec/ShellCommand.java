package org.symbi.agents.exec;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command line through the system shell in a directory, with a timeout. A command that outruns
 * it is stopped together with every process it started (a test runner's forked JVMs, a server a deploy
 * script left behind), so nothing keeps running after the agent has reported.
 *
 * @param commandLine what a person would type: run by {@code sh -c} ({@code cmd /c} on Windows)
 * @param directory   the working directory
 * @param environment variables added to the agent's own environment
 * @param timeout     how long the command may run
 * @param outputLimit characters of output kept (see {@link CommandResult#output()})
 */
public record ShellCommand(String commandLine, Path directory, Map<String, String> environment, Duration timeout,
                           int outputLimit) {
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("win");
    /** How long to wait for the last output once the process has ended or been stopped. */
    private static final Duration DRAIN = Duration.ofSeconds(2);

    public ShellCommand {
        if (commandLine == null || commandLine.isBlank()) {
            throw new IllegalArgumentException("the command is empty");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the command's timeout must be positive, not " + timeout);
        }
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    /**
     * Runs the command and waits for it, at most its timeout.
     *
     * @throws IOException          when the command cannot be started (no such directory, no shell)
     * @throws InterruptedException when the waiting thread is interrupted; the command is stopped first
     */
    public CommandResult run() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(WINDOWS ? List.of("cmd.exe", "/c", commandLine)
                : List.of("sh", "-c", commandLine)).directory(directory.toFile()).redirectErrorStream(true);
        pb.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = pb.start();
        BoundedOutput output = new BoundedOutput(outputLimit);
        Thread reader = Thread.ofVirtual().name("symbi-command-output").start(() -> copy(process, output));
        boolean finished;
        try {
            finished = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            stopTree(process.toHandle());
            throw e;
        }
        if (!finished) {
            stopTree(process.toHandle());
            process.waitFor(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // A child that inherited the output may hold it open after the shell exits; what came so far is kept.
        reader.join(DRAIN);
        return new CommandResult(finished ? process.exitValue() : -1, !finished, output.text(), took);
    }

    private static void copy(Process process, BoundedOutput output) {
        try (Reader in = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
            char[] buffer = new char[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                output.append(buffer, n);
            }
        } catch (IOException closed) {
            // the stream ends when the process tree is stopped; what was read is kept
        }
    }

    /**
     * Stops the descendants while the root still holds them (an orphan no longer counts as one), looking
     * again for any started meanwhile, then the root.
     */
    static void stopTree(ProcessHandle root) {
        for (int pass = 0; pass < 5; pass++) {
            List<ProcessHandle> children = root.descendants().toList();
            if (children.isEmpty()) {
                break;
            }
            children.forEach(ProcessHandle::destroyForcibly);
        }
        root.destroyForcibly();
    }
}
