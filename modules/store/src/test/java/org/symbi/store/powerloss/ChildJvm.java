package org.symbi.store.powerloss;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A main class run in a second JVM with this JVM's java and class path, so that it can be killed like a
 * crashed server. Its stdout is read line by line; its stderr goes to ours. Closing it kills it.
 */
public final class ChildJvm implements AutoCloseable {
    private static final String END = "\u0000end-of-stream";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(Process process) {
        this.process = process;
        Thread reader = new Thread(this::pump, "child-jvm-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    public static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow(
                () -> new IOException("cannot tell which java runs this JVM")));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /** The next line the child printed, or null if it printed none within the timeout or has ended. */
    public String readLine(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (END.equals(line)) {
            lines.add(END);
            return null;
        }
        return line;
    }

    /** Kills the child the way a crash would (SIGKILL on Unix) and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("child JVM " + process.pid() + " survived SIGKILL");
        }
    }

    public Process process() {
        return process;
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException killed) {
            // the child went away mid-line: what it printed before is all there is
        } finally {
            lines.add(END);
        }
    }
}
