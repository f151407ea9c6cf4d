package org.symbi.app.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.gateway.GatewayConfig;
import org.symbi.ledger.VerificationReport;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.DeliveryClass;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.TaskSpec;
import org.symbi.sdk.AgentClient;
import org.symbi.sdk.AgentHandler;
import org.symbi.store.DataDir;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * {@code symbi serve --self-test}: proves an installation works end to end. On a temporary data directory it
 * opens a room (database, orchestrator, ledger, gateway on a free loopback port), connects two agents over the
 * gateway's WebSocket with the Java SDK, routes a durable message from one to the other, verifies the ledger,
 * and removes the directory. One JSON line reports the outcome.
 */
public final class SelfTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CAPABILITY = "self-test";
    private static final long DELIVERY_TIMEOUT_SECONDS = 20;

    private final Path tempParent;
    private final ObjectNode report = JSON.createObjectNode();
    private String step = "starting";

    private SelfTest(Path tempParent) {
        this.tempParent = tempParent;
    }

    /**
     * Runs the self-test with its temporary data directory under {@code tempParent}; prints the report on
     * {@code out} and, on failure, what failed on {@code err}.
     *
     * @return 0 when every step passed, 1 otherwise
     */
    public static int run(Path tempParent, PrintStream out, PrintStream err) {
        return new SelfTest(tempParent).run(out, err);
    }

    private int run(PrintStream out, PrintStream err) {
        long started = System.nanoTime();
        Path data = null;
        try {
            step = "creating a temporary data directory";
            data = Files.createTempDirectory(tempParent, "symbi-self-test-");
            check(new DataDir(data));
            report.put("self_test", "passed");
            report.put("seconds", seconds(started));
            out.println(report);
            return 0;
        } catch (Exception e) {
            String problem = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            report.put("self_test", "failed").put("step", step).put("problem", problem);
            out.println(report);
            err.println("symbi: self-test failed while " + step + ": " + problem);
            return 1;
        } finally {
            if (data != null) {
                delete(data, err);
            }
        }
    }

    private void check(DataDir dir) throws Exception {
        step = "opening the room";
        try (Room room = Room.open(dir, tokens -> GatewayConfig.local(tokens).withAddress("127.0.0.1", 0))) {
            URI gateway = URI.create(room.gateway().address());
            report.put("gateway", gateway.toString());

            step = "connecting two agents through the gateway";
            String nonce = UUID.randomUUID().toString();
            CompletableFuture<Envelope> received = new CompletableFuture<>();
            AgentHandler receiving = new AgentHandler() {
                @Override
                public void onTask(AgentClient client, TaskSpec task, Envelope request) {
                }

                @Override
                public void onMessage(AgentClient client, Envelope message) {
                    if (nonce.equals(message.payload().path("nonce").asText())) {
                        received.complete(message);
                    }
                }
            };
            try (AgentClient receiver = connect(room, gateway, "self-test-receiver", receiving);
                 AgentClient sender = connect(room, gateway, "self-test-sender", (c, task, request) -> { })) {
                step = "routing a message from one agent to the other";
                long sent = System.nanoTime();
                sender.send(Envelope.builder().fromAgent(sender.agentId()).toAgent(receiver.agentId())
                        .messageType(MessageType.COLLABORATION_INVITE).delivery(DeliveryClass.DURABLE)
                        .payload(JsonNodeFactory.instance.objectNode().put("nonce", nonce)).build())
                        .get(DELIVERY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                try {
                    received.get(DELIVERY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    throw new IllegalStateException("the message was accepted but not delivered within "
                            + DELIVERY_TIMEOUT_SECONDS + " s", e);
                }
                report.put("delivery_ms", (System.nanoTime() - sent) / 1_000_000.0);
            }

            step = "verifying the ledger";
            VerificationReport ledger = room.kernel().ledger().verify(n -> { });
            if (!ledger.ok()) {
                throw new IllegalStateException("the ledger does not verify: " + ledger.problem());
            }
            report.put("ledger_entries", ledger.entriesChecked()).put("ledger_root", ledger.treeRoot());
            step = "closing the room";
        }
    }

    private static AgentClient connect(Room room, URI gateway, String agentId, AgentHandler handler) throws Exception {
        room.tokens().grant(agentId, Set.of(CAPABILITY), Set.of());
        String token = room.tokens().issue(agentId, Set.of(CAPABILITY), Set.of());
        return AgentClient.connect(gateway, token, AgentCard.of(agentId, CAPABILITY, List.of(CAPABILITY)), handler);
    }

    private static double seconds(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1e6) / 1e3;
    }

    private static void delete(Path root, PrintStream err) {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            err.println("symbi: could not remove the self-test's data directory " + root + ": " + e.getMessage());
        }
    }
}
