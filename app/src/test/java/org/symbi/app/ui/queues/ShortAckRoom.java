package org.symbi.app.ui.queues;

import org.symbi.app.ui.kit.RoomFeed;
import org.symbi.app.ui.kit.Selection;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.KernelConfig;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.Priority;
import org.symbi.store.DataDir;
import org.symbi.store.Database;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A real kernel on a temporary data directory whose bus gives up after one unacknowledged delivery, on a
 * clock the test moves: the way to dead letters without waiting out the shipped ack timeout. Its feed runs
 * background work on the calling thread, like the room fixture's.
 */
final class ShortAckRoom implements AutoCloseable {
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(1);

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T09:00:00Z"));
    private final Database db;
    final Kernel kernel;
    final RoomFeed feed = new RoomFeed(Runnable::run, null);
    final Selection selection = new Selection();
    private Consumer<Runnable> drainOn = Runnable::run;

    ShortAckRoom(Path dir) {
        DataDir data = new DataDir(dir);
        db = Database.open(data);
        InstantSource clock = now::get;
        kernel = new Kernel(db, data, KernelConfig.defaults().toBuilder().ackTimeout(ACK_TIMEOUT).maxDeliveries(1)
                .build(), clock);
        feed.connect(kernel.events());
    }

    /** An agent that is connected but never acknowledges: every message to it ends as a dead letter. */
    void silentAgent(String agentId) {
        BusTraffic.register(kernel, agentId);
        kernel.bus().attach(agentId, delivery -> { });
    }

    /** Lets every unacknowledged delivery time out: with one delivery allowed, they become dead letters. */
    void letAcksTimeOut() {
        now.updateAndGet(t -> t.plus(ACK_TIMEOUT.multipliedBy(2)));
        kernel.tick();
    }

    Envelope send(String from, String to, String text) {
        return BusTraffic.send(kernel, from, to, Priority.HIGH, text);
    }

    /** What a pulse does: periodic reads, then queued events and completions. */
    void drain() {
        drainOn.accept(() -> {
            feed.refresh();
            feed.drain();
        });
    }

    /** Where {@link #drain()} runs: the calling thread, or the FX thread for a test with a stage. */
    void drainOn(Consumer<Runnable> thread) {
        drainOn = thread;
    }

    /** Drains until the condition holds: the bus writes dead letters to the database on its own thread. */
    void drainUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        drain();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 5 s");
            }
            Thread.sleep(20);
            drain();
        }
    }

    @Override
    public void close() {
        feed.close();
        kernel.close();
        db.close();
    }
}
