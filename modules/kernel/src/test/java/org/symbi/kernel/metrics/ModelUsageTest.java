package org.symbi.kernel.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.governance.Phase;
import org.symbi.governance.PhaseWarrant;
import org.symbi.governance.Warrant;
import org.symbi.governance.WarrantScope;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.ManualClock;
import org.symbi.kernel.bus.SendResult;
import org.symbi.ledger.LedgerEntry;
import org.symbi.protocol.ActionReport;
import org.symbi.protocol.ActionSpec;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.TaskOutcome;
import org.symbi.protocol.TraceKind;
import org.symbi.protocol.TraceStep;
import org.symbi.protocol.WarrantDecision;
import org.symbi.protocol.WarrantRequest;
import org.symbi.protocol.WarrantStatus;
import org.symbi.store.DataDir;
import org.symbi.store.Database;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Model usage on a real kernel over a database file: agents send {@code llm_response} trace steps through
 * the kernel's entry point; totals add up per agent and per task, survive a restart, and charge warrants.
 */
class ModelUsageTest {
    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock();
    private Database db;
    private Kernel kernel;

    private void open() {
        db = Database.open(new DataDir(dir));
        kernel = new Kernel(db, new DataDir(dir), KernelConfig.defaults(), clock);
        for (String agent : List.of("coder-1", "reviewer-1")) {
            assertThat(send(agent, MessageType.REGISTER, kernel.codec().toPayload(AgentCard.of(agent, "test", List.of("java"))))
                    .isAccepted()).isTrue();
        }
    }

    private void restart() {
        kernel.close();
        db.close();
        open();
    }

    @AfterEach
    void close() {
        kernel.close();
        db.close();
    }

    private SendResult send(String agent, MessageType type, JsonNode payload) {
        return kernel.receive(Envelope.builder().fromAgent(agent).toAgent(Envelope.ORCHESTRATOR).messageType(type)
                .payload(payload).build()).join();
    }

    private SendResult trace(String agent, TraceStep step) {
        return send(agent, MessageType.TRACE_STEP, kernel.codec().toPayload(step));
    }

    /** An llm_response step as agents report it; a null cost is an unknown price, a null latency none reported. */
    private SendResult response(String agent, String taskId, long tokensIn, long tokensOut, Double cost, Long latency) {
        ObjectNode detail = JsonNodeFactory.instance.objectNode().put("provider", "openai")
                .put("tokens_in", tokensIn).put("tokens_out", tokensOut);
        if (cost == null) {
            detail.putNull("cost_usd");
        } else {
            detail.put("cost_usd", cost);
        }
        if (latency != null) {
            detail.put("latency_ms", latency);
        }
        // a step without a task belongs to a warrant request
        SendResult r = trace(agent, new TraceStep(taskId, taskId == null ? "wr-1" : null, TraceKind.LLM_RESPONSE,
                "the answer", detail, "gpt-4o", null, null));
        assertThat(r.isAccepted()).as(r.reason()).isTrue();
        return r;
    }

    @Test
    void responsesAddUpPerAgentAndPerTaskAndTheTotalsSurviveARestart() {
        open();
        response("coder-1", "t1", 1_000, 200, 0.0045, 800L);
        response("coder-1", "t1", 500, 100, null, 1_200L);
        response("coder-1", null, 10, 5, 0.0001, null);
        response("reviewer-1", "t1", 300, 50, 0.002, 400L);
        // a prompt and a thought are not calls
        trace("coder-1", new TraceStep("t1", null, TraceKind.LLM_PROMPT, "[user] write it", null, "gpt-4o", null, null));
        trace("coder-1", new TraceStep("t1", null, TraceKind.THOUGHT, "hmm", null, null, null, null));

        ModelUsage coder = kernel.metrics().modelUsage("coder-1");
        assertThat(coder.calls()).isEqualTo(3);
        assertThat(coder.unpricedCalls()).isEqualTo(1);
        assertThat(coder.tokensIn()).isEqualTo(1_510);
        assertThat(coder.tokensOut()).isEqualTo(305);
        assertThat(coder.costUsd()).isCloseTo(0.0046, within(1e-12));
        assertThat(coder.meanLatencyMs()).hasValue(1_000.0);
        ModelUsage task = kernel.metrics().taskModelUsage("t1");
        assertThat(task.calls()).isEqualTo(3);
        assertThat(task.tokens()).isEqualTo(1_000 + 200 + 500 + 100 + 300 + 50);
        assertThat(task.costUsd()).isCloseTo(0.0065, within(1e-12));
        assertThat(kernel.metrics().taskModelUsage("t-none")).isEqualTo(ModelUsage.NONE);
        assertThat(kernel.metrics().modelUsageByAgent()).containsOnlyKeys("coder-1", "reviewer-1");
        assertThat(kernel.metrics().modelUsage("nobody")).isEqualTo(ModelUsage.NONE);

        kernel.metrics().tick();
        assertThat(kernel.metrics().history("coder-1", "model_tokens_in", clock.instant().minusSeconds(60),
                clock.instant().plusSeconds(60))).extracting(MetricPoint::value).containsExactly(1_510.0);

        restart();
        assertThat(kernel.metrics().modelUsage("coder-1")).isEqualTo(coder);
        assertThat(kernel.metrics().taskModelUsage("t1")).isEqualTo(task);
        response("coder-1", "t1", 1, 1, 0.0, 100L);
        assertThat(kernel.metrics().modelUsage("coder-1").calls()).isEqualTo(4);
        assertThat(kernel.metrics().modelUsage("coder-1").meanLatencyMs()).hasValue(700.0);
        assertThat(kernel.metrics().taskModelUsage("t1").calls()).isEqualTo(4);
    }

    @Test
    void aResponseWhoseUsageIsNotANumberIsRefusedPlainlyAndCountsNothing() {
        open();
        SendResult refused = trace("coder-1", new TraceStep("t1", null, TraceKind.LLM_RESPONSE, "the answer",
                JsonNodeFactory.instance.objectNode().put("tokens_in", "many"), "gpt-4o", null, null));

        assertThat(refused.isAccepted()).isFalse();
        assertThat(refused.code()).isEqualTo("invalid_value");
        assertThat(refused.reason()).contains("tokens_in must be a whole number of tokens");
        assertThat(kernel.traces().forTask("t1")).isEmpty();
        assertThat(kernel.metrics().modelUsage("coder-1")).isEqualTo(ModelUsage.NONE);
    }

    @Test
    void tokensSpentOnAPhasesTaskChargeItsWarrantUntilTheBudgetIsSpentAndTheWarrantEndsOnce() {
        open();
        PhaseWarrant issued = kernel.governance().issuePhaseWarrants("plan-1", List.of(new Phase("implementation",
                "coder-1", WarrantScope.kinds("file.read"), Set.of("t-impl"), clock.instant().plus(Duration.ofHours(1)),
                0, 1_000))).getFirst();
        Warrant warrant = issued.warrant();
        ActionSpec read = new ActionSpec("file.read", JsonNodeFactory.instance.objectNode().put("path", "src/Fib.java"));
        WarrantDecision allowed = kernel.warrants().request("coder-1", new WarrantRequest(read, warrant.id(), "t-impl", "read it"));
        assertThat(allowed.status()).isEqualTo(WarrantStatus.ALLOWED);
        kernel.warrants().report("coder-1", new ActionReport(warrant.id(), read, TaskOutcome.SUCCESS, null, null));

        response("coder-1", "t-impl", 400, 200, 0.01, 900L);
        response("coder-1", "t-other", 5_000, 0, 0.05, 900L);   // not a task of the phase
        assertThat(warrant.spent()).isEqualTo(600);
        assertThat(warrant.status()).isEqualTo(Warrant.Status.ACTIVE);

        response("coder-1", "t-impl", 300, 200, 0.01, 900L);   // 1 100 of 1 000
        assertThat(warrant.status()).isEqualTo(Warrant.Status.EXHAUSTED);
        WarrantDecision refused = kernel.warrants().request("coder-1", new WarrantRequest(read, warrant.id(), "t-impl", "again"));
        assertThat(refused.status()).isEqualTo(WarrantStatus.DENIED);
        response("coder-1", "t-impl", 100, 100, 0.01, 900L);   // nothing left to charge
        kernel.tick();

        List<LedgerEntry> entries = kernel.ledger().entries(0, 1_000, null, null, warrant.id());
        assertThat(entries).filteredOn(e -> e.action().equals("warrant.spend"))
                .extracting(e -> e.payload().path("amount").asLong()).containsExactly(600L, 500L);
        assertThat(entries).filteredOn(e -> e.action().equals("warrant.exhausted")).singleElement()
                .satisfies(e -> assertThat(e.payload().path("reason").asText()).isEqualTo("budget of 1000 tokens spent (1100)"));
        assertThat(kernel.ledger().verify(n -> { }).ok()).isTrue();

        restart();
        Warrant stored = kernel.governance().endedWarrants(10).getFirst();
        assertThat(stored.id()).isEqualTo(warrant.id());
        assertThat(stored.status()).isEqualTo(Warrant.Status.EXHAUSTED);
        assertThat(stored.spent()).isEqualTo(1_100);
    }
}
