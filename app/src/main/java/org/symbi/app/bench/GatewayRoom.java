package org.symbi.app.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The room of {@code symbi bench gateway}'s idle phase, in a process of its own, so that its memory and CPU
 * figures hold nothing of the earlier phases. Arguments: {@code DATA_DIR AGENTS}.
 *
 * <p>Prints {@code READY WS_URL TOKENS_FILE}; then answers each {@code settle} line on its standard input
 * (collect garbage) with {@code SETTLED CONNECTED_AGENTS HEARTBEAT_INTERVAL_MS}, and closes at the end of its
 * input.
 */
public final class GatewayRoom {
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

    /** Lets garbage go, so that memory figures show what stays. */
    static void settle() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
    }
}
