package org.symbi.app.bench;

import org.symbi.app.proc.ProcFs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The room of {@code symbi bench gateway}'s idle phase, in a process of its own, so that its memory and CPU
 * figures hold nothing of the earlier phases. Arguments: {@code DATA_DIR AGENTS}.
 *
 * <p>Prints {@code READY WS_URL TOKENS_FILE}; then answers each {@code settle} line on its standard input
 * (collect garbage) with {@code SETTLED CONNECTED_AGENTS HEARTBEAT_INTERVAL_MS}, and closes at the end of its
 * input.
 */
public final class GatewayRoom {
    private static final Duration STABLE = Duration.ofSeconds(6);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(30);

    private GatewayRoom() {
    }

    public static void main(String[] args) throws Exception {
        try (BenchRoom room = new BenchRoom(Path.of(args[0]));
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            Path agents = room.agents(Integer.parseInt(args[1]));
            System.out.println("READY " + room.address() + " " + agents);
            System.out.flush();
            for (String line; (line = in.readLine()) != null; ) {
                if (line.equals("settle")) {
                    settle();
                    System.out.println("SETTLED " + room.connectedAgents() + " "
                            + room.kernel().registry().heartbeatInterval().toMillis());
                    System.out.flush();
                }
            }
        }
    }

    /**
     * Lets garbage go, so that memory figures show what stays: collects, then waits until the resident size has
     * not fallen for 6 s, at most 30 s. Both kinds of freed memory go back to the system after the collection, on
     * threads of the JVM's own: G1's free regions, and what the C library's heap holds freed, which the launchers'
     * JVM options trim every 5 s.
     */
    static void settle() throws InterruptedException, IOException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        long pid = ProcessHandle.current().pid();
        long lowest = ProcFs.rssKb(pid);
        long start = System.nanoTime();
        long lastFall = start;
        while (System.nanoTime() - lastFall < STABLE.toNanos() && System.nanoTime() - start < SETTLE_LIMIT.toNanos()) {
            Thread.sleep(500);
            long now = ProcFs.rssKb(pid);
            if (now < lowest - 256) {
                lastFall = System.nanoTime();
            }
            lowest = Math.min(lowest, now);
        }
    }
}
