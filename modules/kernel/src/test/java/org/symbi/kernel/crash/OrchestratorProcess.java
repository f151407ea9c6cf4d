package org.symbi.kernel.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.bus.Delivery;
import org.symbi.kernel.bus.SendResult;
import org.symbi.protocol.Ack;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.AgentStatus;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.Priority;
import org.symbi.protocol.StatusReport;
import org.symbi.store.DataDir;
import org.symbi.store.Database;
import org.symbi.store.powerloss.VolatileFileSystem;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The orchestrator as a crash victim, run in a child JVM by {@link CrashTest}. Arguments: the data directory,
 * {@code file} (the real file system) or {@code volatile} (the power-loss file system, whose unforced writes die
 * with the process), and a role:
 * <ul>
 * <li>{@code traffic [message-id...]}: sends each given message id once more and prints
 * {@code RESENT <id> <outcome>}; then producers send durable messages on several threads and print
 * {@code ACK <id> <forces>} once the kernel has accepted one ({@code forces}: how often the file layer had been
 * forced by then). Consumers ack what they get and print {@code DONE <id>} once the kernel took the ack, except
 * that they leave the first delivery of every tenth message unacked, so that it comes again after the ack
 * timeout. Runs until killed.</li>
 * <li>{@code drain}: reopens the directory on the real file system, prints {@code GOT <id>} for every delivery
 * (or {@code CORRUPT <id>} if its payload is not the one sent) and acks it, then prints {@code IDLE} and exits
 * once nothing arrived for a second.</li>
 * </ul>
 */
public final class OrchestratorProcess {
    static final List<String> PRODUCERS = List.of("producer-1", "producer-2", "producer-3");
    static final List<String> CONSUMERS = List.of("consumer-1", "consumer-2");

    /** Sends a producer keeps waiting for an answer at once, so that group commits carry many messages. */
    private static final int PRODUCER_WINDOW = 64;
    private static final int BODY_CHARS = 200;
    private static final Duration IDLE = Duration.ofSeconds(1);
    /** The rate guard is not under test here; it would only turn some sends into refusals. */
    private static final KernelConfig CONFIG = KernelConfig.defaults().toBuilder().ratePerSecond(1_000_000).build();

    private OrchestratorProcess() {
    }

    public static void main(String[] args) throws Exception {
        DataDir dir = new DataDir(Path.of(args[0]));
        String location = switch (args[1]) {
            case "file" -> "file:" + dir.databaseBase();
            case "volatile" -> {
                VolatileFileSystem.register();
                yield VolatileFileSystem.PREFIX + dir.databaseBase();
            }
            default -> throw new IllegalArgumentException("file or volatile, not " + args[1]);
        };
        switch (args[2]) {
            case "traffic" -> traffic(dir, location, List.of(args).subList(3, args.length));
            case "drain" -> drain(dir);
            default -> throw new IllegalArgumentException("traffic or drain, not " + args[2]);
        }
    }

    private static void traffic(DataDir dir, String location, List<String> resend) {
        // Never closed: this process ends by SIGKILL.
        Database db = Database.open(location);
        Kernel kernel = new Kernel(db, dir, CONFIG.toBuilder().ackTimeout(Duration.ofSeconds(1)).build(), Clock.systemUTC()).start();
        for (String agent : PRODUCERS) {
            register(kernel, agent);
        }
        for (String agent : CONSUMERS) {
            register(kernel, agent);
        }
        for (String id : resend) {
            // Ids are "<run>-<producer>-<n>": message ids are unique per sender, so the resend comes from the same one.
            String sender = id.substring(id.indexOf('-') + 1, id.lastIndexOf('-'));
            SendResult r = kernel.receive(message(sender, CONSUMERS.getFirst(), id, Priority.NORMAL)).join();
            print("RESENT " + id + " " + r.outcome());
        }
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("heartbeats").daemon(true).unstarted(r));
        // Without heartbeats the registry would declare the agents lost after its timeout and detach the consumers.
        heartbeats.scheduleAtFixedRate(() -> {
            for (String agent : PRODUCERS) {
                heartbeat(kernel, agent);
            }
            for (String agent : CONSUMERS) {
                heartbeat(kernel, agent);
            }
        }, 1, 1, TimeUnit.SECONDS);
        for (String consumer : CONSUMERS) {
            ExecutorService worker = Executors.newSingleThreadExecutor();
            kernel.bus().attach(consumer, d -> worker.execute(() -> {
                String id = d.envelope().messageId();
                if (d.attempt() == 1 && Math.floorMod(id.hashCode(), 10) == 0) {
                    return; // redelivered after the ack timeout, so the kill also hits deliveries nobody acked
                }
                if (ack(kernel, consumer, d).outcome() == SendResult.Outcome.ACCEPTED) {
                    print("DONE " + id);
                }
            }));
        }
        // Ids stay distinct when the traffic runs again on the same directory: random, as the time-ordered ids
        // of the SDK share their leading digits for about a minute.
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (String producer : PRODUCERS) {
            Thread.ofPlatform().name(producer).start(() -> produce(kernel, producer, run));
        }
    }

    private static void produce(Kernel kernel, String producer, String run) {
        Semaphore window = new Semaphore(PRODUCER_WINDOW);
        for (long n = 1; ; n++) {
            window.acquireUninterruptibly();
            String id = run + "-" + producer + "-" + n;
            Envelope e = message(producer, CONSUMERS.get((int) (n % CONSUMERS.size())), id, Priority.ofLane((int) (n % 4)));
            kernel.receive(e).thenAccept(r -> {
                if (r.outcome() == SendResult.Outcome.ACCEPTED) {
                    print("ACK " + id + " " + VolatileFileSystem.forceCount());
                } else {
                    System.err.println("not accepted: " + r);
                }
                window.release();
            });
        }
    }

    private static void drain(DataDir dir) throws InterruptedException {
        AtomicLong lastDelivery = new AtomicLong();
        // No ticker: every delivery is acked at once, so nothing is due for redelivery. The executors are
        // closed first, so that every ack they took is queued before the kernel flushes and stops its writer.
        try (Database db = Database.open(dir);
             Kernel kernel = new Kernel(db, dir, CONFIG, Clock.systemUTC());
             ExecutorService worker = Executors.newSingleThreadExecutor()) {
            for (String consumer : CONSUMERS) {
                register(kernel, consumer);
                kernel.bus().attach(consumer, d -> worker.execute(() -> {
                    lastDelivery.set(System.nanoTime());
                    String id = d.envelope().messageId();
                    print((body(id).equals(d.envelope().payload().path("body").asText()) ? "GOT " : "CORRUPT ") + id);
                    ack(kernel, consumer, d);
                }));
            }
            lastDelivery.set(System.nanoTime());
            while (System.nanoTime() - lastDelivery.get() < IDLE.toNanos()) {
                Thread.sleep(50);
            }
        }
        print("IDLE");
    }

    private static void register(Kernel kernel, String agent) {
        send(kernel, Envelope.builder().fromAgent(agent).toAgent(Envelope.ORCHESTRATOR).messageType(MessageType.REGISTER)
                .payload(kernel.codec().toPayload(AgentCard.of(agent, "crash-test", List.of()))).build());
    }

    private static void heartbeat(Kernel kernel, String agent) {
        send(kernel, Envelope.builder().fromAgent(agent).toAgent(Envelope.ORCHESTRATOR).messageType(MessageType.HEARTBEAT)
                .payload(kernel.codec().toPayload(new StatusReport(AgentStatus.AVAILABLE, null, null, null, null))).build());
    }

    private static void send(Kernel kernel, Envelope e) {
        SendResult r = kernel.receive(e).join();
        if (r.outcome() != SendResult.Outcome.ACCEPTED) {
            throw new IllegalStateException(e.messageType().wire() + " from " + e.fromAgent() + " refused: " + r);
        }
    }

    private static SendResult ack(Kernel kernel, String consumer, Delivery d) {
        return kernel.receive(Envelope.builder().fromAgent(consumer).toAgent(Envelope.ORCHESTRATOR)
                .messageType(MessageType.ACK)
                .payload(kernel.codec().toPayload(new Ack(List.of(Long.toString(d.deliveryId()))))).build()).join();
    }

    private static Envelope message(String from, String to, String id, Priority priority) {
        JsonNode payload = JsonNodeFactory.instance.objectNode().put("body", body(id));
        return Envelope.builder().messageId(id).fromAgent(from).toAgent(to).messageType(MessageType.COLLABORATION_INVITE)
                .priority(priority).payload(payload).build();
    }

    /** A body of about 200 characters that the drain can check against the message id. */
    private static String body(String id) {
        return (id + " ").repeat(BODY_CHARS / (id.length() + 1) + 1).substring(0, BODY_CHARS);
    }

    private static void print(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
