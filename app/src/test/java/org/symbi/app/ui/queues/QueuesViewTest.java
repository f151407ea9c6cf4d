package org.symbi.app.ui.queues;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.app.ui.RoomFixture;
import org.symbi.app.ui.kit.Selection;
import org.symbi.app.ui.kit.Theme;
import org.symbi.kernel.Kernel;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.Priority;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.symbi.app.ui.queues.BusTraffic.register;
import static org.symbi.app.ui.queues.BusTraffic.send;

/** The queues view on a real room: lanes as bars, what waits for the chosen agent, dead letters retried and discarded. */
@ExtendWith(ApplicationExtension.class)
class QueuesViewTest {
    @TempDir
    Path data;
    private Stage stage;
    private AutoCloseable room;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Theme.LIGHT.apply();
    }

    @AfterEach
    void close() throws Exception {
        if (room != null) {
            room.close();
        }
    }

    private void show(FxRobot robot, QueuesViewModel model) {
        robot.interact(() -> {
            Scene scene = new Scene(new QueuesView(model), 960, 900);
            scene.getStylesheets().add(Theme.ROOM_CSS);
            stage.setScene(scene);
            stage.show();
        });
    }

    private static TableCell<?, ?> cellWithText(FxRobot robot, String text) {
        return robot.lookup((TableCell<?, ?> c) -> text.equals(c.getText())).query();
    }

    @Test
    void showsTheLanesAsBarsAndWhatWaitsForTheChosenAgent(FxRobot robot) throws Exception {
        RoomFixture fixture = RoomFixture.open(data);
        room = fixture;
        Kernel kernel = fixture.room().kernel();
        register(kernel, "sender");
        register(kernel, "worker");
        send(kernel, "worker", "sender", Priority.LOW, "ok");
        Envelope high = send(kernel, "sender", "worker", Priority.HIGH, "review the parser");
        send(kernel, "sender", "worker", Priority.HIGH, "review the lexer");
        for (int i = 0; i < 4; i++) {
            send(kernel, "sender", "worker", Priority.NORMAL, "normal " + i);
        }
        QueuesViewModel model = new QueuesViewModel(fixture.feed(), kernel, fixture.context().selection());
        show(robot, model);
        robot.interact(fixture::drain);

        LaneBar normal = robot.lookup("#room-lane-normal").queryAs(LaneBar.class);
        LaneBar highBar = robot.lookup("#room-lane-high").queryAs(LaneBar.class);
        assertThat(normal.barWidth()).isGreaterThan(highBar.barWidth());
        assertThat(highBar.barWidth()).isCloseTo(normal.barWidth() / 2, offset(0.01));
        assertThat(robot.lookup("#room-lane-critical").queryAs(LaneBar.class).barWidth()).isZero();
        assertThat(robot.lookup("#queues-agents").queryAs(TableView.class).getItems()).hasSize(2);

        robot.clickOn(cellWithText(robot, "worker"));
        robot.interact(fixture::drain);

        assertThat(fixture.context().selection().selected()).isEqualTo(Selection.Target.agent("worker"));
        robot.clickOn(robot.lookup((Labeled l) -> "High · 2".equals(l.getText())).queryLabeled());
        TableView<?> highLane = robot.lookup("#lane-high").queryAs(TableView.class);
        assertThat(highLane.getItems()).hasSize(2);
        assertThat(robot.from(highLane).lookup((TableCell<?, ?> c) -> high.messageId().equals(c.getText())).tryQuery())
                .isPresent();
        assertThat(robot.lookup("#lane-normal").queryAs(TableView.class).getItems()).hasSize(4);
        assertThat(robot.lookup("#lane-critical").queryAs(TableView.class).getItems()).isEmpty();

        robot.interact(fixture::drain);
        assertThat(robot.lookup("#queues-agents").queryAs(TableView.class).getSelectionModel().getSelectedItem())
                .as("the chosen row stays chosen when the rows are read again")
                .extracting(row -> ((AgentQueue) row).agentId()).isEqualTo("worker");
    }

    @Test
    void retryAndDiscardADeadLetter(FxRobot robot, @TempDir Path other) throws Exception {
        ShortAckRoom shortAck = new ShortAckRoom(other);
        room = shortAck;
        shortAck.drainOn(robot::interact);
        QueuesViewModel model = new QueuesViewModel(shortAck.feed, shortAck.kernel, shortAck.selection);
        show(robot, model);
        register(shortAck.kernel, "sender");
        shortAck.silentAgent("mute");
        Envelope lost = shortAck.send("sender", "mute", "are you there?");
        shortAck.letAcksTimeOut();
        TableView<?> deadLetters = robot.lookup("#dead-letters").queryAs(TableView.class);
        shortAck.drainUntil(() -> deadLetters.getItems().size() == 1);
        Button retry = robot.lookup("#dead-letter-retry").queryButton();
        assertThat(retry.isDisabled()).as("nothing chosen").isTrue();

        robot.clickOn(cellWithText(robot, lost.messageId()));
        assertThat(retry.isDisabled()).isFalse();
        robot.clickOn(retry);
        shortAck.drain();

        assertThat(deadLetters.getItems()).isEmpty();
        assertThat(robot.lookup("#queues-message").queryLabeled().getText()).startsWith("Sent message "
                + lost.messageId());
        assertThat(robot.lookup("#lane-processing").queryAs(TableView.class).getItems()).hasSize(1);

        shortAck.letAcksTimeOut();
        shortAck.drainUntil(() -> deadLetters.getItems().size() == 1);
        robot.clickOn(cellWithText(robot, lost.messageId()));
        robot.clickOn("#dead-letter-discard");
        shortAck.drain();

        assertThat(deadLetters.getItems()).isEmpty();
        assertThat(robot.lookup("#queues-message").queryLabeled().getText()).startsWith("Discarded message");
        assertThat(shortAck.kernel.bus().deadLetters(null, 10)).isEmpty();
    }
}
