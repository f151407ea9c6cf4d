package org.symbi.kernel.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.symbi.kernel.ManualClock;
import org.symbi.kernel.events.EventStream;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.kernel.metrics.ModelUsageBook;
import org.symbi.protocol.ErrorReport;
import org.symbi.protocol.TraceKind;
import org.symbi.protocol.TraceStep;
import org.symbi.store.Database;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TraceStoreTest {
    private final ManualClock clock = new ManualClock();
    private final EventStream events = new EventStream();
    private final ObjectMapper json = new ObjectMapper();
    private final Database db = Database.inMemory("traces-" + UUID.randomUUID());
    private final TraceStore traces = new TraceStore(db, json, clock, events, new ModelUsageBook(db));
    private final List<KernelEvent> published = new ArrayList<>();

    {
        events.subscribe(published::add);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void storesAStepAndReadsItBackWhole() throws Exception {
        TraceStep step = new TraceStep("task-1", "wr-1", TraceKind.TOOL_CALL, "grep for TODO — 3 hits",
                json.readTree("{\"tool\":\"grep\",\"args\":[\"TODO\"],\"tokens\":42}"), "claude", "4.5", 0.75);
        StoredTrace stored = traces.record("alice", step);

        assertThat(stored.agentId()).isEqualTo("alice");
        assertThat(stored.recordedAt()).isEqualTo(clock.instant());
        assertThat(traces.forTask("task-1")).containsExactly(stored);
        assertThat(traces.forWarrantRequest("wr-1")).containsExactly(stored);
        assertThat(published).containsExactly(new KernelEvent.TraceRecorded(clock.instant(), "alice", step));
    }

    @Test
    void queriesByTaskWarrantAndAgent() {
        StoredTrace a1 = traces.record("alice", step("task-1", null, "first"));
        clock.advance(Duration.ofSeconds(1));
        StoredTrace b1 = traces.record("bob", step("task-2", "wr-9", "other task"));
        clock.advance(Duration.ofSeconds(1));
        StoredTrace a2 = traces.record("alice", step("task-1", "wr-9", "second"));
        StoredTrace a3 = traces.record("alice", new TraceStep(null, null, TraceKind.DECISION, "no task", null, null, null, null));

        assertThat(traces.forTask("task-1")).containsExactly(a1, a2);
        assertThat(traces.forWarrantRequest("wr-9")).containsExactly(b1, a2);
        assertThat(traces.forAgent("alice", 2)).containsExactly(a3, a2);
        assertThat(traces.forAgent("alice", 10)).containsExactly(a3, a2, a1);
        assertThat(traces.forTask("task-unknown")).isEmpty();
        assertThat(a3.step().detail()).isNull();
        assertThat(a3.step().confidence()).isNull();
    }

    @Test
    void aStepWithAModelButNoConfidenceReadsBackWithoutOne() {
        StoredTrace stored = traces.record("alice", new TraceStep("task-1", null, TraceKind.THOUGHT, "hmm", null,
                "claude", "4.5", null));

        assertThat(traces.forTask("task-1")).containsExactly(stored);
        assertThat(traces.forAgent("alice", 1).getFirst().step().confidence()).isNull();
    }

    @Test
    void recordsErrors() {
        StoredError first = traces.recordError("alice", new ErrorReport("tool_failed", "grep exited 2", "m-1"));
        clock.advance(Duration.ofSeconds(1));
        StoredError second = traces.recordError("bob", new ErrorReport("out_of_budget", "token budget spent", null));

        assertThat(traces.errors(10)).containsExactly(second, first);
        assertThat(traces.errors(1)).containsExactly(second);
        assertThat(published).containsExactly(
                new KernelEvent.ErrorReported(first.reportedAt(), "alice", "tool_failed", "grep exited 2", "m-1"),
                new KernelEvent.ErrorReported(second.reportedAt(), "bob", "out_of_budget", "token budget spent", null));
        assertThatThrownBy(() -> traces.recordError("alice", new ErrorReport(" ", "no code", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("code");
    }

    @Test
    void refusesOversizeContentAndConfidenceOutsideTheUnitInterval() {
        String atLimit = "x".repeat(TraceStore.MAX_CONTENT_BYTES);
        assertThat(traces.record("alice", step("task-1", null, atLimit)).step().content()).hasSize(TraceStore.MAX_CONTENT_BYTES);

        // 'é' is two bytes of UTF-8: half the limit in characters is exactly the limit, one more is over
        String overInBytes = "é".repeat(TraceStore.MAX_CONTENT_BYTES / 2 + 1);
        assertThatThrownBy(() -> traces.record("alice", step("task-1", null, overInBytes)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("262146 bytes").hasMessageContaining("256 KiB");
        assertThatThrownBy(() -> traces.record("alice", new TraceStep("task-1", null, TraceKind.THOUGHT, "sure", null, null, null, 1.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("confidence");
        assertThatThrownBy(() -> traces.record("alice", new TraceStep("task-1", null, TraceKind.THOUGHT, "nan", null, null, null, Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("confidence");
        assertThatThrownBy(() -> traces.record("alice", new TraceStep("task-1", null, null, "no kind", null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kind");

        assertThat(traces.forTask("task-1")).hasSize(1);
        assertThat(published).hasSize(1);
    }

    private static TraceStep step(String taskId, String warrantRequestId, String content) {
        return new TraceStep(taskId, warrantRequestId, TraceKind.THOUGHT, content, null, "claude", "4.5", 0.5);
    }
}
