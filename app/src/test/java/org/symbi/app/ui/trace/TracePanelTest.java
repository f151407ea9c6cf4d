package org.symbi.app.ui.trace;

import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.app.ui.RoomFixture;
import org.symbi.app.ui.kit.Selection;
import org.symbi.app.ui.kit.Theme;
import org.symbi.protocol.TraceKind;
import org.symbi.protocol.TraceStep;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The side panel on a real room: it follows the selection, lists the steps and colours the selected one. */
@ExtendWith(ApplicationExtension.class)
class TracePanelTest {
    private static final String TOOL_CALL = "{\"tool\": \"grep\", \"args\": [\"TODO\", 3]}";

    @TempDir
    Path data;
    private RoomFixture room;
    private final List<String> clipboard = new ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        Theme.LIGHT.apply();
        room = RoomFixture.open(data);
        TracePanel panel = new TracePanel(new TracePanelViewModel(room.context(), clipboard::add));
        Scene scene = new Scene(panel, 420, 700);
        scene.getStylesheets().add(Theme.ROOM_CSS);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void closeRoom() {
        room.close();
    }

    private void record(TraceKind kind, String content) {
        room.room().kernel().traces().record("alice", new TraceStep("t-1", null, kind, content, null, "claude", "4.5", 0.9));
    }

    @SuppressWarnings("unchecked")
    private ListView<TraceStepItem> steps(FxRobot robot) {
        return robot.lookup("#trace-steps").queryAs(ListView.class);
    }

    @Test
    void showsTheSelectedAgentsStepsAndColoursJson(FxRobot robot) {
        assertThat(robot.lookup("#trace-status").queryLabeled().getText()).isEqualTo(TracePanelViewModel.HOW_TO_SELECT);

        record(TraceKind.THOUGHT, "Look for TODO markers first.");
        record(TraceKind.TOOL_CALL, TOOL_CALL);
        robot.interact(() -> {
            room.context().selection().select(Selection.Target.agent("alice"));
            room.drain();
        });

        assertThat(robot.lookup("#trace-title").queryLabeled().getText()).isEqualTo("Trace of agent alice");
        assertThat(steps(robot).getItems()).hasSize(2);

        robot.clickOn("tool call");
        CodeArea content = robot.lookup("#trace-content").queryAs(CodeArea.class);
        assertThat(content.getText()).isEqualTo(TOOL_CALL);
        assertThat(content.getStyleOfChar(TOOL_CALL.indexOf("tool") + 1)).contains(TraceHighlighter.JSON_KEY);
        assertThat(content.getStyleOfChar(TOOL_CALL.indexOf("grep") + 1)).contains(TraceHighlighter.JSON_STRING);
        assertThat(content.getStyleOfChar(TOOL_CALL.indexOf('3'))).contains(TraceHighlighter.JSON_NUMBER);
        assertThat(robot.lookup("#trace-step-heading").queryLabeled().getText()).startsWith("tool call");

        robot.clickOn("#trace-copy-step");
        assertThat(clipboard).singleElement().asString().endsWith(TOOL_CALL);
    }

    @Test
    void newStepsArriveLiveAndSearchFiltersAndMarks(FxRobot robot) {
        record(TraceKind.THOUGHT, "Look for TODO markers first.");
        robot.interact(() -> {
            room.context().selection().select(Selection.Target.task("t-1"));
            room.drain();
        });
        record(TraceKind.TOOL_CALL, TOOL_CALL);
        record(TraceKind.OBSERVATION, "nothing else");
        robot.interact(room::drain);
        assertThat(steps(robot).getItems()).hasSize(3);

        robot.clickOn("#trace-search").write("grep");
        assertThat(steps(robot).getItems()).extracting(TraceStepItem::content).containsExactly(TOOL_CALL);
        assertThat(robot.lookup("#trace-status").queryLabeled().getText()).isEqualTo("1 of 3 steps match \u201cgrep\u201d");

        robot.interact(() -> steps(robot).getSelectionModel().select(0));
        CodeArea content = robot.lookup("#trace-content").queryAs(CodeArea.class);
        assertThat(content.getStyleOfChar(TOOL_CALL.indexOf("grep") + 1))
                .contains(TraceHighlighter.JSON_STRING, TraceHighlighter.MATCH);
    }
}
