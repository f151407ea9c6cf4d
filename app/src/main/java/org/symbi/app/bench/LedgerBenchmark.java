package org.symbi.app.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.HdrHistogram.Histogram;
import org.symbi.ledger.EntryDraft;
import org.symbi.ledger.Ledger;
import org.symbi.ledger.VerificationReport;
import org.symbi.store.DataDir;
import org.symbi.store.Database;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger's three figures on a file-backed database with the shipped settings: batched appends (hashing,
 * subtree storage, a signed checkpoint every 10,000 entries, one disk sync per batch), single durable appends
 * (one transaction and one sync each), and a full verification of the ledger built by the batched part.
 */
public final class LedgerBenchmark implements AutoCloseable {
    public record Batched(long entries, double entriesPerSecond) {
    }

    public record Single(double p50Ms, double p99Ms) {
    }

    public record Verified(long entries, double seconds, boolean ok) {
    }

    private static final int BATCH = 1_000;

    private final Database db;
    private final Ledger ledger;
    private long n;

    public LedgerBenchmark(Path dir) {
        DataDir data = new DataDir(dir);
        this.db = Database.open(data);
        this.ledger = Ledger.open(db, data, InstantSource.system());
    }

    private EntryDraft draft() {
        long i = n++;
        return new EntryDraft("agent:coder-" + (i % 16), "task.completed", "t-" + i, EntryDraft.RESULT,
                JsonNodeFactory.instance.objectNode().put("task_id", "t-" + i).put("epoch", 1)
                        .put("workflow_id", "wf-" + (i / 10)).put("detail", "tests passed: 42 passed, 0 failed"),
                null);
    }

    /** Appends {@code entries} in batches and returns the sustained rate. */
    public Batched batched(long entries) {
        long start = System.nanoTime();
        List<EntryDraft> batch = new ArrayList<>(BATCH);
        for (long done = 0; done < entries; done += batch.size()) {
            batch.clear();
            for (int k = 0; k < Math.min(BATCH, entries - done); k++) {
                batch.add(draft());
            }
            ledger.appendBatch(batch);
        }
        return new Batched(entries, entries / ((System.nanoTime() - start) / 1e9));
    }

    /** Times {@code count} single appends, each durable before the next starts. */
    public Single single(int count) {
        Histogram h = new Histogram(3);
        for (int i = 0; i < count; i++) {
            EntryDraft d = draft();
            long t0 = System.nanoTime();
            ledger.append(d);
            h.recordValue(System.nanoTime() - t0);
        }
        return new Single(h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6);
    }

    /** Verifies the whole ledger from its stored canonical bytes. */
    public Verified verify() {
        long start = System.nanoTime();
        VerificationReport r = ledger.verify(done -> { });
        return new Verified(r.entriesChecked(), (System.nanoTime() - start) / 1e9, r.ok());
    }

    @Override
    public void close() {
        ledger.close();
        db.close();
    }
}
