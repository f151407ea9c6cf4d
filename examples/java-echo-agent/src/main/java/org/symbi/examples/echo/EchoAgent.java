package org.symbi.examples.echo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.TaskSpec;
import org.symbi.sdk.AgentClient;
import org.symbi.sdk.AgentHandler;
import org.symbi.sdk.Trace;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * An example agent: takes tasks that need the {@code echo} capability, traces how it goes about them and
 * answers each with its input.
 *
 * <pre>
 * SYMBI_URL=ws://127.0.0.1:8765/ws SYMBI_TOKEN=&lt;agent token&gt; SYMBI_AGENT_ID=echo-java \
 *   java -cp ... org.symbi.examples.echo.EchoAgent
 * </pre>
 */
public final class EchoAgent implements AgentHandler {
    public static final String CAPABILITY = "echo";

    @Override
    public void onTask(AgentClient client, TaskSpec task, Envelope request) {
        client.trace(Trace.thought(task.taskId(), "an echo task: the answer is the input itself"));
        client.trace(Trace.toolCall(task.taskId(), "echo", task.input() == null
                ? JsonNodeFactory.instance.nullNode() : task.input()));
        client.trace(Trace.decision(task.taskId(), "answer with the input unchanged", 1.0));
        client.completeTask(task, Map.of("echo", task.input() == null ? JsonNodeFactory.instance.nullNode()
                : task.input()));
    }

    @Override
    public void onMessage(AgentClient client, Envelope message) {
        System.out.println(message.messageType().wire() + " from " + message.fromAgent());
    }

    /** Connects an echo agent; it works until the client is closed. */
    public static AgentClient start(URI wsUri, String token, String agentId) throws IOException {
        AgentCard card = new AgentCard(agentId, "echo", null, List.of(CAPABILITY), null, null, null, "0.1.0", null, 4);
        return AgentClient.connect(wsUri, token, card, new EchoAgent());
    }

    public static void main(String[] args) throws Exception {
        AgentClient client = start(URI.create(env("SYMBI_URL")), env("SYMBI_TOKEN"), env("SYMBI_AGENT_ID"));
        System.out.println("connected as " + client.agentId() + ", session " + client.session().sessionId());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            client.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            System.err.println(name + " is not set");
            System.exit(2);
        }
        return value;
    }
}
