package org.symbi.app.ui.alerts;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.symbi.app.ui.RoomFixture;
import org.symbi.app.ui.metrics.AgentActs;
import org.symbi.app.ui.metrics.RoomViewTest;
import org.symbi.kernel.Kernel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import static org.assertj.core.api.Assertions.assertThat;

/** The alerts view on a real room: an alert's row appears, and acknowledging it clears the count. */
class AlertsViewTest extends RoomViewTest {
    @Start
    @Override
    protected void start(Stage stage) {
        super.start(stage);
    }

    @Test
    void anAlertsRowAppearsAndCanBeAcknowledged(FxRobot robot) throws Exception {
        RoomFixture room = openRoom();
        Kernel kernel = room.room().kernel();
        robot.interact(() -> show(new AlertsView(new AlertsViewModel(room.context()))));
        assertThat(robot.lookup("#acknowledge-all").queryButton().isDisabled()).isTrue();

        AgentActs.register(kernel, "coder-1", "java");
        kernel.registry().markOffline("coder-1", "connection lost");
        AgentActs.reportError(kernel, "coder-1", "tool_failed", "the linter crashed");
        robot.interact(room::drain);

        assertThat(robot.lookup(".alert-title").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly("Error reported: tool_failed", "Agent went offline");
        assertThat(robot.lookup("#alerts-unacknowledged").queryLabeled().getText()).isEqualTo("2 unacknowledged");

        robot.clickOn(robot.lookup(".alert-acknowledge").queryAllAs(Button.class).iterator().next());
        assertThat(robot.lookup("#alerts-unacknowledged").queryLabeled().getText()).isEqualTo("1 unacknowledged");

        robot.clickOn("Agent went offline");
        assertThat(robot.lookup("#acknowledge-selected").queryButton().isDisabled()).isFalse();
        robot.clickOn("#acknowledge-all");
        assertThat(robot.lookup("#alerts-unacknowledged").queryLabeled().getText()).isEqualTo("0 unacknowledged");
        assertThat(robot.lookup("#acknowledge-selected").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup(".alert-acknowledge").queryAllAs(Button.class)).noneMatch(Button::isVisible);

        robot.clickOn("#filter-errors");
        assertThat(robot.lookup(".alert-title").queryAllAs(Label.class)).extracting(Label::getText)
                .containsExactly("Agent went offline");
    }
}
