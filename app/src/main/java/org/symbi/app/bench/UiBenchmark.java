package org.symbi.app.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.symbi.app.serve.Room;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.kit.PulseDriver;
import org.symbi.app.ui.kit.RoomFeed;
import org.symbi.app.ui.kit.Selection;
import org.symbi.app.ui.kit.Theme;
import org.symbi.app.ui.topology.TopologyView;
import org.symbi.app.ui.topology.TopologyViewModel;
import org.symbi.gateway.GatewayConfig;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.bus.Delivery;
import org.symbi.kernel.bus.SendResult;
import org.symbi.protocol.Ack;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.AgentStatus;
import org.symbi.protocol.DeliveryClass;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.Priority;
import org.symbi.protocol.StatusReport;
import org.symbi.protocol.Tier;
import org.symbi.store.DataDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The room's UI under load: a real room, agents registered through the protocol with in-process delivery
 * sinks that ack, messages sent through {@code Kernel.receive} at a fixed rate, and the real topology view
 * in a live window fed by the room's one update path ({@link RoomFeed} drained by the {@link PulseDriver}).
 * What is measured is the interval between pulses, as the pulse driver reports them.
 */
public final class UiBenchmark implements AutoCloseable {
    /** One JSON line of {@code symbi bench ui}. */
    public record Result(int agents, int msgsPerSecond, long delivered, int nodes, double medianFps, double p99FrameMs) {
    }

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 800;
    private static final int REPOSITORIES = 12;
    private static final String BODY = "x".repeat(140);
    private static final Duration ACK_EVERY = Duration.ofMillis(500);
    /** A third of the heartbeat timeout, as the room tells agents to. */
    private static final Duration HEARTBEAT_ROUND = Duration.ofSeconds(3);
    private static final int HEARTBEAT_SLICES = 30;

    private final Room room;
    private final Kernel kernel;
    private final List<String> agentIds = new ArrayList<>();
    private final LongAdder delivered = new LongAdder();
    private final ConcurrentLinkedQueue<Delivery> unacked = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicReference<String> refusal = new AtomicReference<>();
    /** Messages sent whose answer has not come back yet: the room closes only once there are none. */
    private final AtomicLong unanswered = new AtomicLong();
    private final ScheduledExecutorService agentChores = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("bench-ui-agents").daemon().factory());
    private final ExecutorService uiWork = Executors.newFixedThreadPool(2, Thread.ofPlatform()
            .name("bench-ui-work-", 0).daemon().factory());
    private final ScheduledExecutorService uiReads = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
            .name("bench-ui-reads").daemon().factory());
    private final RoomFeed feed = new RoomFeed(uiWork, uiReads);
    private final PulseDriver pulses = new PulseDriver(feed);
    private volatile long[] pulseNanos = new long[0];
    private volatile boolean recording;
    private int recorded;
    private Stage stage;

    /**
     * Starts JavaFX, once per process, without letting a closed window end it. JavaFX needs a display;
     * without one (no DISPLAY or WAYLAND_DISPLAY) it runs on its own headless platform with the software
     * renderer.
     */
    public static void startToolkit() throws InterruptedException {
        boolean display = notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
        if (!display && System.getProperty("glass.platform") == null) {
            System.setProperty("glass.platform", "Headless");
            System.setProperty("prism.order", "sw");
        }
        CountDownLatch started = new CountDownLatch(1);
        Platform.setImplicitExit(false);
        Platform.startup(started::countDown);
        started.await();
    }

    public static void stopToolkit() {
        Platform.exit();
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    public UiBenchmark(Path dataDir) throws IOException {
        this.room = Room.open(new DataDir(dataDir), tokens -> GatewayConfig.local(tokens).withAddress("127.0.0.1", 0));
        this.kernel = room.kernel();
    }

    /**
     * Opens the topology in a window, registers the agents, waits until the graph shows them all, then sends
     * {@code rate} messages a second: {@code warmUp} unmeasured, then {@code measure} measured.
     */
    public Result run(int agents, int rate, DeliveryClass delivery, Duration warmUp, Duration measure) throws Exception {
        pulseNanos = new long[(int) (measure.toMillis() / 4) + 16];
        TopologyView view = onFx(this::openWindow);
        register(agents);
        agentChores.scheduleAtFixedRate(this::ackDelivered, ACK_EVERY.toMillis(), ACK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        long slice = HEARTBEAT_ROUND.toMillis() / HEARTBEAT_SLICES;
        AtomicLong round = new AtomicLong();
        agentChores.scheduleAtFixedRate(() -> heartbeat(round.getAndIncrement()), slice, slice, TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (onFx(view::agentNodeCount) < agents) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the topology shows " + onFx(view::agentNodeCount) + " of " + agents + " agents");
            }
            Thread.sleep(100);
        }

        AtomicBoolean stop = new AtomicBoolean();
        Thread sender = Thread.ofPlatform().name("bench-ui-sender").daemon(true).start(() -> send(rate, delivery, stop));
        Thread.sleep(warmUp.toMillis());
        long deliveredBefore = delivered.sum();
        recording = true;
        Thread.sleep(measure.toMillis());
        recording = false;
        long deliveredDuring = delivered.sum() - deliveredBefore;
        stop.set(true);
        sender.join();
        for (long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); unanswered.get() > 0
                && System.nanoTime() < waitUntil; ) {
            Thread.sleep(10);
        }
        if (refusal.get() != null) {
            throw new IllegalStateException("the kernel refused a message: " + refusal.get());
        }
        int nodes = onFx(() -> stage.getScene().getRoot().lookupAll(".topology-agent").size());
        long[] intervals = onFx(this::intervals);
        if (intervals.length < 10) {
            throw new IllegalStateException("only " + intervals.length + " frames were recorded");
        }
        double medianMs = intervals[intervals.length / 2] / 1e6;
        double p99Ms = intervals[(int) Math.ceil(intervals.length * 0.99) - 1] / 1e6;
        return new Result(agents, rate, deliveredDuring, nodes, 1000 / medianMs, p99Ms);
    }

    private TopologyView openWindow() {
        Theme.DARK.apply();
        RoomContext context = new RoomContext(room, feed, new Selection(),
                (severity, title, text) -> System.err.println(severity + ": " + title + ": " + text));
        feed.connect(kernel.events());
        TopologyView view = new TopologyView(new TopologyViewModel(context));
        Scene scene = new Scene(view, WIDTH, HEIGHT);
        scene.getStylesheets().add(Theme.ROOM_CSS);
        stage = new Stage();
        stage.setTitle("SYMBI Control Room — topology under load");
        stage.setScene(scene);
        stage.show();
        pulses.onPulse(this::pulse);
        pulses.start();
        return view;
    }

    /** On the FX thread, once per pulse: must not allocate or block. */
    private void pulse(long nanos) {
        long[] into = pulseNanos;
        if (recording && recorded < into.length) {
            into[recorded++] = nanos;
        }
    }

    private long[] intervals() {
        long[] into = pulseNanos;
        long[] intervals = new long[Math.max(0, recorded - 1)];
        for (int i = 1; i < recorded; i++) {
            intervals[i - 1] = into[i] - into[i - 1];
        }
        Arrays.sort(intervals);
        return intervals;
    }

    /** A mix like a real room's: few managers and monitors, some specialists, mostly workers, over a dozen repositories. */
    private void register(int agents) {
        List<CompletableFuture<SendResult>> answers = new ArrayList<>(agents);
        for (int i = 0; i < agents; i++) {
            Tier tier = i % 50 == 0 ? Tier.MANAGER : i % 20 == 1 ? Tier.MONITOR : i % 5 == 2 ? Tier.SPECIALIST : Tier.WORKER;
            String id = String.format("%s-%04d", tier.wire(), i);
            String repository = String.format("org/service-%02d", i % REPOSITORIES);
            AgentCard card = new AgentCard(id, "bench", tier, List.of("bench"), repository, null, null, "1.0", null, 4);
            agentIds.add(id);
            answers.add(kernel.receive(Envelope.builder().fromAgent(id).toAgent(Envelope.ORCHESTRATOR)
                    .messageType(MessageType.REGISTER).payload(kernel.codec().toPayload(card)).build()));
            kernel.bus().attach(id, d -> {
                delivered.increment();
                unacked.add(d);
            });
        }
        for (CompletableFuture<SendResult> a : answers) {
            SendResult r = a.join();
            if (!r.isAccepted()) {
                throw new IllegalStateException("registration refused: " + r.reason());
            }
        }
    }

    /** Each agent acks what it was delivered in one ack message per round, as the SDK batches them. */
    private void ackDelivered() {
        Map<String, List<String>> byAgent = new HashMap<>();
        for (Delivery d; (d = unacked.poll()) != null; ) {
            byAgent.computeIfAbsent(d.agentId(), k -> new ArrayList<>()).add(Long.toString(d.deliveryId()));
        }
        byAgent.forEach((agent, ids) -> kernel.receive(Envelope.builder().fromAgent(agent).toAgent(Envelope.ORCHESTRATOR)
                .messageType(MessageType.ACK).messageId(agent + "-ack-" + sequence.incrementAndGet())
                .payload(kernel.codec().toPayload(new Ack(ids))).build()));
    }

    /**
     * One slice of the heartbeat round: each agent reports its load, and about one in a hundred says it is
     * busy this round, so that statuses keep changing as they do in a working room.
     */
    private void heartbeat(long slice) {
        long round = slice / HEARTBEAT_SLICES;
        int part = (int) (slice % HEARTBEAT_SLICES);
        for (int i = part; i < agentIds.size(); i += HEARTBEAT_SLICES) {
            boolean busy = (i * 31 + round * 7) % 100 == 0;
            double load = 0.5 + 0.4 * Math.sin(i + round * 0.3);
            StatusReport report = new StatusReport(busy ? AgentStatus.BUSY : AgentStatus.AVAILABLE, load, null, null, null);
            String id = agentIds.get(i);
            kernel.receive(Envelope.builder().fromAgent(id).toAgent(Envelope.ORCHESTRATOR).messageType(MessageType.HEARTBEAT)
                    .messageId(id + "-hb-" + sequence.incrementAndGet()).payload(kernel.codec().toPayload(report)).build());
        }
    }

    /** Sends {@code rate} messages a second between random agents, with mixed priorities, until stopped. */
    private void send(int rate, DeliveryClass delivery, AtomicBoolean stop) {
        SplittableRandom random = new SplittableRandom(42);
        int n = agentIds.size();
        long start = System.nanoTime();
        for (long sent = 0; !stop.get(); ) {
            long due = (long) (sent * 1e9 / rate);
            if (System.nanoTime() - start < due) {
                LockSupport.parkNanos(200_000);
                continue;
            }
            long seq = sequence.incrementAndGet();
            int from = random.nextInt(n);
            int to = (from + 1 + random.nextInt(n - 1)) % n;
            String sender = agentIds.get(from);
            Envelope e = Envelope.builder().messageId(sender + "-" + seq).fromAgent(sender).toAgent(agentIds.get(to))
                    .messageType(MessageType.COLLABORATION_INVITE).priority(priority(random)).delivery(delivery)
                    .payload(JsonNodeFactory.instance.objectNode().put("seq", seq).put("body", BODY)).build();
            unanswered.incrementAndGet();
            kernel.receive(e).whenComplete((r, failure) -> {
                unanswered.decrementAndGet();
                if (failure != null || !r.isAccepted()) {
                    refusal.compareAndSet(null, failure != null ? failure.toString() : r.code() + ": " + r.reason());
                }
            });
            sent++;
        }
    }

    /** About 5 % critical, 15 % high, 11 % low and the rest normal, as in {@code symbi bench bus}. */
    private static Priority priority(SplittableRandom random) {
        double p = random.nextDouble();
        return p < 0.05 ? Priority.CRITICAL : p < 0.20 ? Priority.HIGH : p < 0.31 ? Priority.LOW : Priority.NORMAL;
    }

    /** Runs on the FX thread and waits for the answer. */
    private static <T> T onFx(Callable<T> work) throws Exception {
        CompletableFuture<T> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                answer.complete(work.call());
            } catch (Exception | LinkageError e) {
                answer.completeExceptionally(e);
            }
        });
        return answer.get(30, TimeUnit.SECONDS);
    }

    /**
     * Stops in dependency order. Threads that may be inside the database are never interrupted: an interrupt
     * during file I/O closes H2's file channel under everyone.
     */
    @Override
    public void close() throws Exception {
        agentChores.shutdown();
        agentChores.awaitTermination(30, TimeUnit.SECONDS);
        if (stage != null) {
            onFx(() -> {
                pulses.stop();
                stage.close();
                return null;
            });
        }
        feed.close();
        uiReads.shutdown();
        uiWork.shutdown();
        uiReads.awaitTermination(30, TimeUnit.SECONDS);
        uiWork.awaitTermination(30, TimeUnit.SECONDS);
        room.close();
    }
}
