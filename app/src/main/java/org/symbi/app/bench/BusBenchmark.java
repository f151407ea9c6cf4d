package org.symbi.app.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.bus.Delivery;
import org.symbi.kernel.bus.SendResult;
import org.symbi.protocol.Ack;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.DeliveryClass;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.Priority;
import org.symbi.store.DataDir;
import org.symbi.store.Database;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives the kernel's real routing path — guards, dedup, priority lanes, delivery, acks in batched ACK
 * messages — with producer and consumer agents on their own threads, and measures throughput and the
 * latency from send to receipt. Each producer keeps at most {@code window} messages unanswered, as an
 * agent with a bounded send window does; latency includes the wait in the bus, not in the producer.
 */
public final class BusBenchmark implements AutoCloseable {
    /** One JSON line of {@code symbi bench bus}. */
    public record Result(String mode, int producers, int consumers, long messages, double msgsPerS, double p50Ms,
                         double p99Ms, long syncs) {
    }

    private static final int ACK_BATCH = 64;
    private static final String BODY = "x".repeat(140);

    private final DeliveryClass delivery;
    private final Database db;
    private final Kernel kernel;
    private final List<Consumer> consumers = new ArrayList<>();
    private final int producers;
    private final int window;
    private final AtomicLong ids = new AtomicLong();

    public BusBenchmark(DeliveryClass delivery, Path dataDir, int producers, int consumers, int window) {
        this.delivery = delivery;
        this.producers = producers;
        this.window = window;
        this.db = delivery == DeliveryClass.DURABLE ? Database.open(new DataDir(dataDir))
                : Database.inMemory("bench-" + System.nanoTime());
        KernelConfig config = KernelConfig.defaults().toBuilder().ratePerSecond(100_000_000).deliveryWindow(4096)
                .memoryLaneLimit(1_000_000).build();
        this.kernel = new Kernel(db, new DataDir(dataDir), config, InstantSource.system());
        for (int p = 0; p < producers; p++) {
            register("producer-" + p);
        }
        for (int c = 0; c < consumers; c++) {
            String id = "consumer-" + c;
            register(id);
            Consumer consumer = new Consumer(id);
            this.consumers.add(consumer);
            kernel.bus().attach(id, consumer.inbox::add);
            consumer.thread.start();
        }
    }

    private void register(String agentId) {
        AgentCard card = AgentCard.of(agentId, "bench", List.of("bench"));
        SendResult r = kernel.receive(Envelope.builder().fromAgent(agentId).toAgent(Envelope.ORCHESTRATOR)
                .messageType(MessageType.REGISTER).payload(kernel.codec().toPayload(card)).build()).join();
        if (!r.isAccepted()) {
            throw new IllegalStateException("registration refused: " + r.reason());
        }
    }

    /** Sends {@code messages} spread over the producers and waits until every one was received. */
    public Result run(long messages) throws InterruptedException {
        CountDownLatch received = new CountDownLatch(1);
        AtomicLong outstanding = new AtomicLong(messages);
        for (Consumer c : consumers) {
            c.reset(outstanding, received);
        }
        AtomicReference<String> refusal = new AtomicReference<>();
        long syncsBefore = kernel.bus().syncCount();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            long share = messages / producers + (p < messages % producers ? 1 : 0);
            String from = "producer-" + p;
            threads.add(Thread.ofPlatform().name("bench-" + from).start(() -> produce(from, share, refusal)));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (refusal.get() != null) {
            throw new IllegalStateException("the kernel refused a message: " + refusal.get());
        }
        if (!received.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException(outstanding.get() + " messages never arrived");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram all = new Histogram(3);
        for (Consumer c : consumers) {
            all.add(c.latencyNanos);
        }
        return new Result(delivery == DeliveryClass.DURABLE ? "durable" : "in-process", producers, consumers.size(),
                messages, messages / seconds, all.getValueAtPercentile(50) / 1e6, all.getValueAtPercentile(99) / 1e6,
                kernel.bus().syncCount() - syncsBefore);
    }

    private void produce(String from, long count, AtomicReference<String> refusal) {
        Semaphore pipeline = new Semaphore(window);
        int consumerCount = consumers.size();
        for (long i = 0; i < count && refusal.get() == null; i++) {
            pipeline.acquireUninterruptibly();
            long n = ids.incrementAndGet();
            ObjectNode payload = JsonNodeFactory.instance.objectNode()
                    .put("seq", n).put("sent_ns", System.nanoTime()).put("body", BODY);
            Envelope e = Envelope.builder()
                    .messageId(from + "-" + n)
                    .fromAgent(from)
                    .toAgent(consumers.get((int) (n % consumerCount)).agentId)
                    .messageType(MessageType.COLLABORATION_INVITE)
                    .priority(priorityOf(n))
                    .delivery(delivery)
                    .payload(payload)
                    .build();
            kernel.receive(e).whenComplete((r, failure) -> {
                pipeline.release();
                if (failure != null || !r.isAccepted()) {
                    refusal.compareAndSet(null, failure != null ? failure.toString() : r.code() + ": " + r.reason());
                }
            });
        }
        pipeline.acquireUninterruptibly(window);
    }

    private static Priority priorityOf(long n) {
        if (n % 20 == 0) {
            return Priority.CRITICAL;
        }
        if (n % 5 == 0) {
            return Priority.HIGH;
        }
        return n % 7 == 0 ? Priority.LOW : Priority.NORMAL;
    }

    /** A consumer agent: takes deliveries from its queue, records latency, acks in batches. */
    private final class Consumer {
        final String agentId;
        final BlockingQueue<Delivery> inbox = new ArrayBlockingQueue<>(1 << 16);
        final Thread thread;
        volatile AtomicLong outstanding = new AtomicLong();
        volatile CountDownLatch done = new CountDownLatch(0);
        volatile Histogram latencyNanos = new Histogram(3);

        Consumer(String agentId) {
            this.agentId = agentId;
            this.thread = Thread.ofPlatform().daemon(true).name("bench-" + agentId).unstarted(this::consume);
        }

        void reset(AtomicLong sharedOutstanding, CountDownLatch sharedDone) {
            latencyNanos = new Histogram(3);
            outstanding = sharedOutstanding;
            done = sharedDone;
        }

        private void consume() {
            List<String> pending = new ArrayList<>(ACK_BATCH);
            Histogram histogram = latencyNanos;
            while (true) {
                Delivery d;
                try {
                    d = pending.isEmpty() ? inbox.take() : inbox.poll();
                } catch (InterruptedException e) {
                    return;
                }
                if (d == null || pending.size() >= ACK_BATCH) {
                    ack(pending);
                    if (d == null) {
                        continue;
                    }
                }
                if (histogram != latencyNanos) {
                    histogram = latencyNanos;
                }
                histogram.recordValue(Math.max(0, System.nanoTime() - d.envelope().payload().get("sent_ns").asLong()));
                pending.add(Long.toString(d.deliveryId()));
                if (outstanding.decrementAndGet() == 0) {
                    ack(pending);
                    done.countDown();
                }
            }
        }

        private void ack(List<String> ids) {
            if (ids.isEmpty()) {
                return;
            }
            Envelope ack = Envelope.builder().fromAgent(agentId).toAgent(Envelope.ORCHESTRATOR)
                    .messageType(MessageType.ACK).messageId(agentId + "-ack-" + BusBenchmark.this.ids.incrementAndGet())
                    .payload(kernel.codec().toPayload(new Ack(List.copyOf(ids)))).build();
            kernel.receive(ack);
            ids.clear();
        }
    }

    @Override
    public void close() {
        for (Consumer c : consumers) {
            c.thread.interrupt();
        }
        kernel.close();
        db.close();
    }
}
