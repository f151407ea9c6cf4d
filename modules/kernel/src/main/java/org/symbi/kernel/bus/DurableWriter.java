package org.symbi.kernel.bus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.symbi.protocol.Envelope;
import org.symbi.store.StoreException;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The bus's one writer thread. It takes whatever senders have queued, gives each row its seq in queue
 * order, writes them in one transaction, forces them to disk once (group commit), hands the stored rows to
 * the inboxes in seq order, and only then lets the senders' answers go out. Endings (acks, dead letters)
 * ride along in the same transactions; they need no sync of their own because losing one only means a
 * redelivery, which at-least-once allows, and they are queued without ever blocking the caller.
 */
final class DurableWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DurableWriter.class);

    /** How a stored message fared: whether the disk sync after its commit worked. */
    record Stored(boolean synced) {
    }

    /** One accepted message for some recipients; {@code onStored} runs on this thread, in seq order. */
    private record Insert(Envelope envelope, List<String> recipients, int lane, byte[] encoded, long acceptedNanos,
                          Consumer<List<BusMessage>> onStored, CompletableFuture<Stored> result) {
    }

    private final BusStore store;
    private final LongSupplier clockMillis;
    private final int maxBatch;
    private final BlockingQueue<Insert> inserts;
    private final Queue<BusStore.Ending> endings = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private long seq;
    private volatile boolean closed;

    DurableWriter(BusStore store, long lastSeq, LongSupplier clockMillis, int maxBatch) {
        this.store = store;
        this.seq = lastSeq;
        this.clockMillis = clockMillis;
        this.maxBatch = maxBatch;
        this.inserts = new ArrayBlockingQueue<>(maxBatch * 32);
        this.thread = Thread.ofPlatform().name("symbi-bus-writer").daemon(true).unstarted(this::run);
        this.thread.start();
    }

    /**
     * Queues a message for storage; blocks while the queue is full, which slows senders to the disk's pace.
     * {@code onStored} receives the stored rows, one per recipient, before the future completes.
     */
    CompletableFuture<Stored> insert(Envelope e, List<String> recipients, int lane, byte[] encoded, long acceptedNanos,
                                     Consumer<List<BusMessage>> onStored) {
        Insert insert = new Insert(e, recipients, lane, encoded, acceptedNanos, onStored, new CompletableFuture<>());
        if (closed) {
            insert.result().completeExceptionally(new StoreException("the bus is closed"));
            return insert.result();
        }
        try {
            inserts.put(insert);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            insert.result().completeExceptionally(new StoreException("interrupted while queueing a bus write"));
        }
        return insert.result();
    }

    void markDone(long seq, int attempts) {
        endings.add(new BusStore.Ending(seq, false, attempts, null));
    }

    void markDead(long seq, int attempts, String reason) {
        endings.add(new BusStore.Ending(seq, true, attempts, reason));
    }

    private void run() {
        List<Insert> batch = new ArrayList<>(maxBatch);
        List<BusStore.Ending> ended = new ArrayList<>();
        while (!closed || !inserts.isEmpty() || !endings.isEmpty()) {
            try {
                Insert first = inserts.poll(50, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    inserts.drainTo(batch, maxBatch - 1);
                }
                for (BusStore.Ending e; ended.size() < maxBatch * 4 && (e = endings.poll()) != null; ) {
                    ended.add(e);
                }
                if (!batch.isEmpty() || !ended.isEmpty()) {
                    write(batch, ended);
                }
            } catch (InterruptedException e) {
                break;
            } catch (Throwable t) {
                // Whatever went wrong, the senders of this batch hear about it and the writer keeps going.
                LOG.error("bus write of {} messages failed unexpectedly", batch.size(), t);
                fail(batch, t);
                if (t instanceof Error) {
                    closed = true;
                }
            }
            batch.clear();
            ended.clear();
        }
        fail(new ArrayList<>(inserts), new StoreException("the bus is closed"));
    }

    private void write(List<Insert> batch, List<BusStore.Ending> ended) {
        long now = clockMillis.getAsLong();
        List<List<BusMessage>> perInsert = new ArrayList<>(batch.size());
        List<BusMessage> rows = new ArrayList<>(batch.size());
        for (Insert i : batch) {
            List<BusMessage> r = new ArrayList<>(i.recipients().size());
            for (String recipient : i.recipients()) {
                r.add(new BusMessage(++seq, recipient, i.envelope(), i.encoded(), i.lane(), true, 0,
                        i.acceptedNanos()));
            }
            perInsert.add(r);
            rows.addAll(r);
        }
        try {
            store.database().inTransaction(c -> {
                if (!batch.isEmpty()) {
                    store.insert(c, rows, now);
                }
                if (!ended.isEmpty()) {
                    store.markEnded(c, ended, now);
                }
                return null;
            });
        } catch (StoreException e) {
            LOG.error("bus write of {} messages failed; nothing of it was stored or acknowledged", batch.size(), e);
            fail(batch, e);
            return;
        }
        boolean synced = true;
        if (!batch.isEmpty()) {
            try {
                store.database().sync();
            } catch (StoreException e) {
                // Committed but perhaps not on the disk: deliver anyway, and tell the senders it is not safe.
                LOG.error("disk sync after storing {} messages failed", batch.size(), e);
                synced = false;
            }
        }
        for (int k = 0; k < batch.size(); k++) {
            Insert i = batch.get(k);
            try {
                i.onStored().accept(perInsert.get(k));
            } finally {
                i.result().complete(new Stored(synced));
            }
        }
    }

    private static void fail(List<Insert> batch, Throwable cause) {
        for (Insert i : batch) {
            i.result().completeExceptionally(cause);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
