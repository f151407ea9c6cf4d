package org.symbi.app.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.HdrHistogram.Histogram;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.DeliveryClass;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.TaskSpec;
import org.symbi.sdk.AgentClient;
import org.symbi.sdk.AgentHandler;
import org.symbi.sdk.AgentOptions;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agents of {@code symbi bench gateway}, in a process of their own: real {@link AgentClient}s on loopback
 * WebSockets. Prints its figures as one JSON line on stdout; the idle mode prints {@code CONNECTED} and waits to
 * be killed.
 *
 * <p>Arguments: {@code MODE WS_URL TOKENS_FILE [COUNT ...]}, the tokens file holding "agent-id token" lines. The
 * measured phases start after a warm-up in which the same traffic runs uncounted ({@link WarmUp}): for the given
 * seconds, or with {@code rounds} in rounds, each followed by a {@code WARM} line with this process's compiling
 * time in it and an answer on stdin, {@code more} or {@code go}.
 */
public final class GatewayLoad {
    private static final String BODY = "x".repeat(150);

    private GatewayLoad() {
    }

    public static void main(String[] args) throws Exception {
        URI ws = URI.create(args[1]);
        List<String[]> agents = Files.readAllLines(Path.of(args[2])).stream().map(l -> l.split(" ", 2)).toList();
        switch (args[0]) {
            case "throughput" -> throughput(ws, agents, Long.parseLong(args[3]), Integer.parseInt(args[4]), args[5]);
            case "request-response" -> requestResponse(ws, agents, Integer.parseInt(args[3]), args[4]);
            case "idle" -> idle(ws, agents);
            default -> throw new IllegalArgumentException("throughput, request-response or idle, not " + args[0]);
        }
    }

    /**
     * The agents' handlers and continuations here only count, answer or release a permit, and never block: so
     * they run on the thread that read the frame ({@link AgentOptions#withCallbacksOnReadingThread()}).
     */
    private static AgentClient connect(URI ws, String[] agent, AgentHandler handler) throws Exception {
        return AgentClient.connect(ws, agent[1], AgentCard.of(agent[0], "bench", List.of("bench")), handler,
                AgentOptions.defaults().withCallbacksOnReadingThread());
    }

    /** Agents in a ring, each sending durable messages to the next with a bounded send window. */
    private static void throughput(URI ws, List<String[]> agents, long messages, int window, String warmUpSpec)
            throws Exception {
        Counting counting = new Counting();
        List<AgentClient> clients = new ArrayList<>();
        for (String[] a : agents) {
            clients.add(connect(ws, a, counting));
        }
        warmUp(warmUpSpec, () -> send(clients, clients.size() * 1000L, window, new AtomicLong()));
        Thread.sleep(1000); // the warm-up's last deliveries arrive
        CountDownLatch done = counting.expect(messages);
        long start = System.nanoTime();
        send(clients, messages, window, new AtomicLong());
        if (!done.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException(counting.delivered() + " of " + messages + " messages arrived");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println("{\"delivered\":" + messages + ",\"seconds\":" + seconds + "}");
        clients.forEach(AgentClient::close);
    }

    private static void send(List<AgentClient> clients, long messages, int window, AtomicLong refused)
            throws InterruptedException {
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            AgentClient from = clients.get(i);
            String to = clients.get((i + 1) % clients.size()).agentId();
            long share = messages / clients.size() + (i < messages % clients.size() ? 1 : 0);
            senders.add(Thread.ofPlatform().start(() -> {
                Semaphore open = new Semaphore(window);
                for (long k = 0; k < share; k++) {
                    open.acquireUninterruptibly();
                    from.send(Envelope.builder().fromAgent(from.agentId()).toAgent(to)
                            .messageType(MessageType.COLLABORATION_INVITE).delivery(DeliveryClass.DURABLE)
                            .payload(JsonNodeFactory.instance.objectNode().put("seq", k).put("body", BODY)).build())
                            .whenComplete((r, e) -> {
                                if (e != null) {
                                    refused.incrementAndGet();
                                }
                                open.release();
                            });
                }
                open.acquireUninterruptibly(window);
            }));
        }
        for (Thread t : senders) {
            t.join();
        }
        if (refused.get() > 0) {
            throw new IllegalStateException(refused.get() + " messages were refused");
        }
    }

    /** One requester, one responder; transient messages, one round trip at a time. */
    private static void requestResponse(URI ws, List<String[]> agents, int roundTrips, String warmUpSpec)
            throws Exception {
        Map<String, CompletableFuture<Envelope>> waiting = new ConcurrentHashMap<>();
        AgentClient responder = connect(ws, agents.get(1), new AgentHandler() {
            @Override
            public void onTask(AgentClient client, TaskSpec task, Envelope request) {
            }

            @Override
            public void onMessage(AgentClient client, Envelope m) {
                client.send(m.caused().fromAgent(client.agentId()).toAgent(m.fromAgent())
                        .messageType(MessageType.COLLABORATION_INVITE).delivery(DeliveryClass.TRANSIENT)
                        .correlationId(m.messageId()).payload(m.payload()).build());
            }
        });
        AgentClient requester = connect(ws, agents.get(0), new AgentHandler() {
            @Override
            public void onTask(AgentClient client, TaskSpec task, Envelope request) {
            }

            @Override
            public void onMessage(AgentClient client, Envelope m) {
                CompletableFuture<Envelope> f = m.correlationId() == null ? null : waiting.remove(m.correlationId());
                if (f != null) {
                    f.complete(m);
                }
            }
        });
        Histogram h = new Histogram(3);
        AtomicInteger asked = new AtomicInteger();
        warmUp(warmUpSpec, () -> roundTrip(requester, responder, waiting, asked.incrementAndGet()));
        for (int i = 0; i < roundTrips; i++) {
            h.recordValue(roundTrip(requester, responder, waiting, i));
        }
        System.out.println("{\"p50_ms\":" + h.getValueAtPercentile(50) / 1e6 + ",\"p99_ms\":"
                + h.getValueAtPercentile(99) / 1e6 + "}");
        requester.close();
        responder.close();
    }

    /** Some uncounted traffic, run again and again during the warm-up. */
    private interface Traffic {
        void run() throws Exception;
    }

    /** Runs the traffic for the seconds given, or in rounds until the benchmark's process answers {@code go}. */
    private static void warmUp(String spec, Traffic traffic) throws Exception {
        if (!spec.equals("rounds")) {
            runFor(traffic, Duration.ofSeconds(Long.parseLong(spec)));
            return;
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        BufferedReader answers = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        do {
            long compiled = jit.getTotalCompilationTime();
            runFor(traffic, WarmUp.ROUND);
            System.out.println("WARM " + (jit.getTotalCompilationTime() - compiled));
        } while ("more".equals(answers.readLine()));
    }

    /** Runs the traffic again and again, at least once, until {@code length} has passed. */
    private static void runFor(Traffic traffic, Duration length) throws Exception {
        long end = System.nanoTime() + length.toNanos();
        do {
            traffic.run();
        } while (System.nanoTime() < end);
    }

    /** One question and its answer; returns the nanoseconds between sending the one and receiving the other. */
    private static long roundTrip(AgentClient requester, AgentClient responder,
                                  Map<String, CompletableFuture<Envelope>> waiting, int n) throws Exception {
        Envelope ask = Envelope.builder().fromAgent(requester.agentId()).toAgent(responder.agentId())
                .messageType(MessageType.COLLABORATION_INVITE).delivery(DeliveryClass.TRANSIENT)
                .payload(JsonNodeFactory.instance.objectNode().put("n", n)).build();
        CompletableFuture<Envelope> answer = new CompletableFuture<>();
        waiting.put(ask.messageId(), answer);
        long t0 = System.nanoTime();
        requester.send(ask);
        answer.get(10, TimeUnit.SECONDS);
        return System.nanoTime() - t0;
    }

    /** Connects every agent and leaves them heartbeating until the process is killed. */
    private static void idle(URI ws, List<String[]> agents) throws Exception {
        List<AgentClient> clients = new ArrayList<>();
        AgentHandler quiet = (client, task, request) -> { };
        for (String[] a : agents) {
            clients.add(connect(ws, a, quiet));
        }
        System.out.println("CONNECTED " + clients.size());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Counts deliveries; the SDK acks them. */
    private static final class Counting implements AgentHandler {
        private final AtomicLong delivered = new AtomicLong();
        private volatile long expected = Long.MAX_VALUE;
        private volatile CountDownLatch done = new CountDownLatch(1);

        /** Counts afresh from now on; the latch opens once {@code n} deliveries have arrived. */
        CountDownLatch expect(long n) {
            expected = Long.MAX_VALUE;
            delivered.set(0);
            done = new CountDownLatch(1);
            expected = n;
            return done;
        }

        long delivered() {
            return delivered.get();
        }

        @Override
        public void onTask(AgentClient client, TaskSpec task, Envelope request) {
        }

        @Override
        public void onMessage(AgentClient client, Envelope message) {
            if (delivered.incrementAndGet() == expected) {
                done.countDown();
            }
        }
    }
}
