package org.symbi.agents;

import org.symbi.sdk.AgentClient;
import org.symbi.sdk.AgentOptions;
import org.symbi.sdk.RoomCertificate;

import javax.net.ssl.SSLContext;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one built-in agent as a process of its own, as the room's agent templates do:
 * {@code java -cp CLASSPATH org.symbi.agents.AgentMain KIND}. The room's supervisor passes the agent's id,
 * token and the room's address in {@code SYMBI_AGENT_ID}, {@code SYMBI_TOKEN} and {@code SYMBI_URL}, the room's
 * certificate file in {@code SYMBI_ROOM_CERTIFICATE} when it serves TLS, and the template's settings beside them.
 * The agent works until the process is told to stop.
 */
public final class AgentMain {
    /** Exit status for a missing kind or bad settings, as opposed to a room that cannot be reached. */
    static final int USAGE = 2;

    private AgentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, AgentKind> kinds = AgentKind.all();
        if (args.length != 1 || !kinds.containsKey(args[0])) {
            System.err.println("usage: AgentMain KIND, where KIND is one of " + String.join(", ", kinds.keySet()));
            System.exit(USAGE);
        }
        Running running;
        try {
            running = start(kinds.get(args[0]), AgentEnv.system());
        } catch (IllegalArgumentException | IllegalStateException e) {
            // bad settings, or a language model whose key variable is not set
            System.err.println(args[0] + " agent: " + e.getMessage());
            System.exit(USAGE);
            return;
        } catch (IOException e) {
            System.err.println(args[0] + " agent could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println(args[0] + " agent connected as " + running.client().agentId());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    /** Creates an agent of this kind from its environment and connects it to the room the environment names. */
    public static Running start(AgentKind kind, AgentEnv env) throws IOException {
        BuiltInAgent agent = kind.create(env);
        try {
            AgentOptions options = AgentOptions.defaults();
            Optional<SSLContext> roomCertificate = RoomCertificate.fromEnvironment(env.values());
            if (roomCertificate.isPresent()) {
                options = options.withSslContext(roomCertificate.get());
            }
            AgentClient client = AgentClient.connect(URI.create(env.require("SYMBI_URL")), env.require("SYMBI_TOKEN"),
                    agent.card(env.require("SYMBI_AGENT_ID")), agent, options);
            agent.connected(client);
            return new Running(client, agent);
        } catch (IOException | RuntimeException e) {
            agent.close();
            throw e;
        }
    }

    /** A connected built-in agent; closing it stops the agent's own work, then its connection. */
    public record Running(AgentClient client, BuiltInAgent agent) implements AutoCloseable {
        @Override
        public void close() {
            agent.close();
            client.close();
        }
    }
}
