package org.symbi.app.ui.agents;

import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.app.ui.RoomFixture;
import org.symbi.app.ui.ViewStage;
import org.symbi.app.ui.kit.Selection;
import org.symbi.app.ui.kit.Theme;
import org.symbi.governance.AgentToken;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.ModelInfo;
import org.symbi.protocol.Tier;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The agents view on a real room. */
@ExtendWith(ApplicationExtension.class)
class AgentsViewTest {
    @TempDir
    Path data;
    private Stage stage;
    private RoomFixture room;

    @Start
    void start(Stage primary) {
        stage = primary;
        Theme.LIGHT.apply();
    }

    @AfterEach
    void closeRoom() {
        if (room != null) {
            room.close();
        }
    }

    private void show(FxRobot robot) throws Exception {
        room = ViewStage.show(robot, stage, data,
                context -> new AgentsView(new AgentsViewModel(context), new AgentAccessViewModel(context)));
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void theTableShowsARegisteredAgentAndClickingItShowsItsDetails(FxRobot robot) throws Exception {
        show(robot);
        room.room().kernel().registry().register(new AgentCard("coder-1", "coder", Tier.SPECIALIST,
                List.of("java", "git"), "symbi-core", null, null, "2.0", new ModelInfo("openai", "gpt-4o", null), 2));
        robot.interact(room::drain);

        TableView<?> table = robot.lookup("#agents-table").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(1);
        TableCell<?, ?> cell = robot.lookup(".table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> "coder-1".equals(c.getText())).findFirst().orElseThrow();

        robot.clickOn(cell);

        assertThat(room.context().selection().selected()).isEqualTo(Selection.Target.agent("coder-1"));
        assertThat(robot.lookup("#agent-details").lookup("openai gpt-4o").tryQuery()).isPresent();
        assertThat(robot.lookup("#agent-details").lookup("java, git").tryQuery()).isPresent();
        assertThat(robot.lookup("#agent-stop").queryButton().isDisabled()).isTrue();
    }

    @Test
    void issuingATokenShowsItReadyToCopy(FxRobot robot) throws Exception {
        show(robot);
        robot.clickOn("#token-agent-id").write("coder-9");
        robot.clickOn("#token-capabilities").write("git,java");

        robot.clickOn("#issue-token");
        robot.interact(room::drain);

        String token = robot.lookup("#issued-token").queryAs(TextField.class).getText();
        AgentToken claims = room.room().tokens().verify(token);
        assertThat(claims.agentId()).isEqualTo("coder-9");
        assertThat(claims.capabilities()).containsExactlyInAnyOrder("git", "java");
        assertThat(text(robot, "#token-note")).contains("15 minutes");
        assertThat(robot.lookup("#copy-token").queryButton().isDisabled()).isFalse();
    }

    @Test
    void aRemoteAgentWithAnHttpAddressIsRefusedOnScreen(FxRobot robot) throws Exception {
        show(robot);
        // The remote form is the lower part of the access pane, whose bottom can be below a 720-pixel window:
        // scroll down to it as a person would.
        ScrollPane access = robot.lookup("#agent-access").queryAs(ScrollPane.class);
        robot.interact(() -> access.setVvalue(access.getVmax()));
        robot.clickOn("#remote-url").write("http://10.0.0.5:9000/agent");
        robot.clickOn("#remote-agent-id").write("remote-1");

        robot.clickOn("#connect-remote");
        robot.interact(room::drain);

        assertThat(text(robot, "#access-error")).contains("ws:// or wss://");
        assertThat(room.room().kernel().registry().find("remote-1")).isEmpty();
    }
}
