package org.symbi.app.ui.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.app.ui.RoomFixture;
import org.symbi.app.ui.kit.Selection;
import org.symbi.protocol.TraceKind;
import org.symbi.protocol.TraceStep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The trace side panel's model on a real room: steps read on selection, then live; search; copy. */
class TracePanelViewModelTest {
    @TempDir
    Path data;
    private RoomFixture room;
    private TracePanelViewModel model;
    private final List<String> clipboard = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        room = RoomFixture.open(data);
        model = new TracePanelViewModel(room.context(), clipboard::add);
    }

    @AfterEach
    void close() {
        room.close();
    }

    private void record(String agent, String task, TraceKind kind, String content) {
        room.room().kernel().traces().record(agent, new TraceStep(task, null, kind, content, null, "claude", "4.5", 0.8));
    }

    private List<String> shownContents() {
        return model.shownSteps().stream().map(TraceStepItem::content).toList();
    }

    @Test
    void withNothingSelectedItSaysHowToSelectSomething() {
        room.drain();

        assertThat(model.steps()).isEmpty();
        assertThat(model.statusProperty().get()).isEqualTo(TracePanelViewModel.HOW_TO_SELECT);
        assertThat(model.copyTraceCommand().isExecutable()).isFalse();
    }

    @Test
    void selectingAnAgentReadsItsStepsOldestFirstThenNewOnesArriveLive() {
        record("alice", "t-1", TraceKind.THOUGHT, "I should look for TODOs");
        record("bob", "t-2", TraceKind.THOUGHT, "not alice's");
        record("alice", "t-1", TraceKind.TOOL_CALL, "{\"tool\": \"grep\", \"args\": [\"TODO\"]}");

        room.context().selection().select(Selection.Target.agent("alice"));
        assertThat(model.statusProperty().get()).isEqualTo("Reading the trace…");
        room.drain();

        assertThat(model.titleProperty().get()).isEqualTo("Trace of agent alice");
        assertThat(shownContents()).containsExactly("I should look for TODOs", "{\"tool\": \"grep\", \"args\": [\"TODO\"]}");
        assertThat(model.statusProperty().get()).isEqualTo("2 steps");

        record("alice", "t-1", TraceKind.OBSERVATION, "3 hits");
        record("bob", "t-2", TraceKind.OBSERVATION, "still not alice's");
        room.drain();

        assertThat(shownContents()).containsExactly("I should look for TODOs",
                "{\"tool\": \"grep\", \"args\": [\"TODO\"]}", "3 hits");
        TraceStepItem live = model.steps().getLast();
        assertThat(live.kind()).isEqualTo(TraceKind.OBSERVATION);
        assertThat(live.meta()).isEqualTo("claude 4.5 · confidence 0.80 · task t-1");
    }

    @Test
    void aStepRecordedWhileTheTraceIsBeingReadAppearsOnce() {
        record("alice", null, TraceKind.THOUGHT, "first");
        room.context().selection().select(Selection.Target.agent("alice"));
        // The read has run (same-thread feed) but its result waits for the pulse; this one lands in between.
        record("alice", null, TraceKind.THOUGHT, "second");
        room.drain();
        room.drain();

        assertThat(shownContents()).containsExactly("first", "second");
    }

    @Test
    void selectingATaskShowsEveryAgentsStepsForThatTask() throws Exception {
        record("alice", "t-1", TraceKind.THOUGHT, "plan for t-1");
        record("alice", "t-2", TraceKind.THOUGHT, "plan for t-2");
        record("bob", "t-1", TraceKind.DECISION, "bob decides on t-1");

        room.context().selection().select(Selection.Target.task("t-1"));
        room.drain();

        assertThat(model.titleProperty().get()).isEqualTo("Trace of task t-1");
        assertThat(shownContents()).containsExactly("plan for t-1", "bob decides on t-1");

        room.room().kernel().traces().record("carol", new TraceStep("t-1", null, TraceKind.LLM_RESPONSE, "done",
                new ObjectMapper().readTree("{\"tokens\": 12}"), null, null, null));
        record("carol", "t-2", TraceKind.THOUGHT, "elsewhere");
        room.drain();

        assertThat(shownContents()).containsExactly("plan for t-1", "bob decides on t-1", "done");
        assertThat(model.steps().getLast().detail()).contains("\"tokens\" : 12");
    }

    @Test
    void searchFiltersTheStepsAndSaysHowManyMatch() {
        record("alice", null, TraceKind.THOUGHT, "look for TODO markers");
        record("alice", null, TraceKind.TOOL_CALL, "grep -rn TODO src");
        record("alice", null, TraceKind.OBSERVATION, "nothing found");
        room.context().selection().select(Selection.Target.agent("alice"));
        room.drain();

        model.queryProperty().set("todo");
        assertThat(shownContents()).containsExactly("look for TODO markers", "grep -rn TODO src");
        assertThat(model.statusProperty().get()).isEqualTo("2 of 3 steps match \u201ctodo\u201d");

        model.queryProperty().set("tool call");
        assertThat(shownContents()).containsExactly("grep -rn TODO src");

        record("alice", null, TraceKind.OBSERVATION, "one more TODO");
        record("alice", null, TraceKind.OBSERVATION, "unrelated");
        model.queryProperty().set("TODO");
        room.drain();
        assertThat(shownContents()).containsExactly("look for TODO markers", "grep -rn TODO src", "one more TODO");

        model.queryProperty().set("");
        assertThat(model.shownSteps()).hasSize(5);
    }

    @Test
    void copiesTheSelectedStepOrTheWholeTrace() {
        record("alice", null, TraceKind.THOUGHT, "step one");
        record("alice", null, TraceKind.DECISION, "step two");
        room.context().selection().select(Selection.Target.agent("alice"));
        room.drain();

        assertThat(model.copyStepCommand().isExecutable()).isFalse();
        model.selectedStepProperty().set(model.shownSteps().getLast());
        assertThat(model.copyStepCommand().execute()).isTrue();
        assertThat(model.copyTraceCommand().execute()).isTrue();

        assertThat(clipboard.getFirst()).contains("alice decision (claude 4.5 · confidence 0.80)").endsWith("\nstep two");
        assertThat(clipboard.getLast()).contains("step one").contains("step two").contains("thought").contains("decision");
    }

    @Test
    void changingTheSelectionReplacesTheSteps() {
        record("alice", null, TraceKind.THOUGHT, "alice thinks");
        record("bob", null, TraceKind.THOUGHT, "bob thinks");
        room.context().selection().select(Selection.Target.agent("alice"));
        room.drain();
        model.selectedStepProperty().set(model.shownSteps().getFirst());

        room.context().selection().select(Selection.Target.agent("bob"));
        room.drain();
        assertThat(shownContents()).containsExactly("bob thinks");
        assertThat(model.selectedStepProperty().get()).isNull();

        room.context().selection().select(Selection.Target.agent("nobody"));
        room.drain();
        assertThat(model.steps()).isEmpty();
        assertThat(model.statusProperty().get()).startsWith("Agent nobody has reported no trace steps yet");

        room.context().selection().select(null);
        room.drain();
        assertThat(model.statusProperty().get()).isEqualTo(TracePanelViewModel.HOW_TO_SELECT);
    }
}
