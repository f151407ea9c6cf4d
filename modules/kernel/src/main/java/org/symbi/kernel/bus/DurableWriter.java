package org.symbi.kernel.bus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.symbi.store.StoreException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The bus's one writer thread. It takes whatever senders and acks have queued, writes it in one
 * transaction, forces it to disk once (group commit), and only then lets the senders' acks go out.
 * Acks and dead-lettering ride along in the same transactions; they need no sync of their own because
 * losing one only means a redelivery, which at-least-once allows.
 */
final class DurableWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DurableWriter.class);

    /** Rows of one accepted message, stored all or nothing. {@code fresh} is filled in when written. */
    record Insert(List<BusMessage> rows, List<byte[]> encoded, CompletableFuture<boolean[]> stored) {
    }

    private sealed interface Op {
    }

    private record InsertOp(Insert insert) implements Op {
    }

    private record EndOp(BusStore.Ending ending) implements Op {
    }

    private record StopOp() implements Op {
    }

    private final BusStore store;
    private final LongSupplier clockMillis;
    private final int maxBatch;
    private final BlockingQueue<Op> queue;
    private final Thread thread;
    private volatile boolean closed;

    DurableWriter(BusStore store, LongSupplier clockMillis, int maxBatch) {
        this.store = store;
        this.clockMillis = clockMillis;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(maxBatch * 32);
        this.thread = Thread.ofPlatform().name("symbi-bus-writer").daemon(true).unstarted(this::run);
        this.thread.start();
    }

    /** Queues rows for storage; blocks while the queue is full, which slows senders to the disk's pace. */
    CompletableFuture<boolean[]> insert(List<BusMessage> rows, List<byte[]> encoded) {
        Insert insert = new Insert(rows, encoded, new CompletableFuture<>());
        if (closed) {
            insert.stored().completeExceptionally(new StoreException("the bus is closed"));
            return insert.stored();
        }
        put(new InsertOp(insert));
        return insert.stored();
    }

    void markDone(long seq, int attempts) {
        put(new EndOp(new BusStore.Ending(seq, false, attempts, null)));
    }

    void markDead(long seq, int attempts, String reason) {
        put(new EndOp(new BusStore.Ending(seq, true, attempts, reason)));
    }

    private void put(Op op) {
        try {
            queue.put(op);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while queueing a bus write");
        }
    }

    private void run() {
        List<Op> batch = new ArrayList<>(maxBatch);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, maxBatch - 1);
            boolean stop = batch.stream().anyMatch(op -> op instanceof StopOp);
            write(batch);
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    private void write(List<Op> batch) {
        List<Insert> inserts = new ArrayList<>();
        List<BusStore.Ending> endings = new ArrayList<>();
        for (Op op : batch) {
            switch (op) {
                case InsertOp i -> inserts.add(i.insert());
                case EndOp end -> endings.add(end.ending());
                case StopOp s -> { }
            }
        }
        long now = clockMillis.getAsLong();
        List<boolean[]> results = new ArrayList<>(inserts.size());
        try {
            store.database().inTransaction(c -> {
                results.clear();
                for (Insert i : inserts) {
                    results.add(store.insert(c, i.rows(), i.encoded(), now));
                }
                if (!endings.isEmpty()) {
                    store.markEnded(c, endings, now);
                }
                return null;
            });
            if (!inserts.isEmpty()) {
                store.database().sync();
            }
        } catch (StoreException | IllegalStateException e) {
            LOG.error("bus write of {} operations failed; senders are told, nothing was acknowledged", batch.size(), e);
            StoreException failure = e instanceof StoreException se ? se : new StoreException(e.getMessage(), e);
            inserts.forEach(i -> i.stored().completeExceptionally(failure));
            return;
        }
        for (int k = 0; k < inserts.size(); k++) {
            inserts.get(k).stored().complete(results.get(k));
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        put(new StopOp());
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
