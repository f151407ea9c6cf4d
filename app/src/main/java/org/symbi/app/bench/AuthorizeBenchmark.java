package org.symbi.app.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;
import org.symbi.governance.ApproverRegistry;
import org.symbi.governance.AuditTrail;
import org.symbi.governance.Decision;
import org.symbi.governance.GatedAction;
import org.symbi.governance.Governance;
import org.symbi.governance.Phase;
import org.symbi.governance.PolicyStore;
import org.symbi.governance.WarrantScope;
import org.symbi.store.DataDir;
import org.symbi.store.Database;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Latency of the per-action decision: {@link Governance#authorize} with many live phase warrants, a push of
 * distinct arguments each call (so every call canonicalises and hashes afresh), the shipped policy, and no
 * decision cache. The audit trail only counts here: recording a use is a durable ledger append, which
 * {@code symbi bench ledger} measures as {@code single}.
 */
public final class AuthorizeBenchmark implements AutoCloseable {
    public record Result(int liveWarrants, long calls, double p50Ms, double p99Ms) {
    }

    private final Database db;
    private final Governance governance;
    private final AtomicLong recorded = new AtomicLong();
    private final int agents;
    private final int warrantsPerAgent;

    public AuthorizeBenchmark(Path dir, int agents, int warrantsPerAgent) {
        DataDir data = new DataDir(dir);
        this.db = Database.open(data);
        this.agents = agents;
        this.warrantsPerAgent = warrantsPerAgent;
        AuditTrail counting = (actor, action, subject, outcome, payload) -> recorded.incrementAndGet();
        InstantSource clock = InstantSource.system();
        this.governance = new Governance(db, new PolicyStore(data.resolve("policies")),
                new ApproverRegistry(db, counting), clock, counting);
        List<Phase> phases = new ArrayList<>();
        for (int a = 0; a < agents; a++) {
            for (int w = 0; w < warrantsPerAgent; w++) {
                phases.add(new Phase("implementation-" + w, "coder-" + a,
                        WarrantScope.kinds("git.push").repositories("symbi-core").branches("feature/**"),
                        Set.of("t-" + a + "-" + w), clock.instant().plus(Duration.ofDays(1)), 0, 0));
            }
        }
        governance.issuePhaseWarrants("bench-plan", phases);
    }

    public int liveWarrants() {
        return governance.liveWarrants().size();
    }

    /** Times {@code calls} decisions; every one must be allowed, or the figure would measure refusals. */
    public Result run(long calls, long offset) {
        Histogram h = new Histogram(3);
        HexFormat hex = HexFormat.of();
        for (long i = offset; i < offset + calls; i++) {
            int a = (int) (i % agents);
            String agent = "coder-" + a;
            // Phase warrants are scoped to their tasks: the push names one of the agent's tasks.
            String task = "t-" + a + "-" + ((i / agents) % warrantsPerAgent);
            ObjectNode args = JsonNodeFactory.instance.objectNode().put("repository", "symbi-core")
                    .put("branch", "feature/change-" + i).put("remote", "origin")
                    .put("commit", hex.toHexDigits(i) + hex.toHexDigits(i * 31));
            GatedAction push = new GatedAction("git.push", args, null, null, task);
            long t0 = System.nanoTime();
            Decision d = governance.authorize(agent, push);
            h.recordValue(System.nanoTime() - t0);
            if (!d.allowed()) {
                throw new IllegalStateException("authorize refused " + agent + ": " + d.reason());
            }
        }
        return new Result(liveWarrants(), calls, h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6);
    }

    @Override
    public void close() {
        governance.close();
        db.close();
    }
}
