package org.symbi.app.ui.shell;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.RoomFeature;
import org.symbi.app.ui.RoomFixture;
import org.symbi.app.ui.kit.Theme;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The window on a real room: startup progress first, then navigation and a status bar saying where agents connect. */
@ExtendWith(ApplicationExtension.class)
class MainViewTest {
    @TempDir
    Path data;
    private final MainViewModel model = new MainViewModel(Theme.LIGHT);
    private MainView view;
    private RoomFixture room;

    @Start
    void start(Stage stage) {
        Theme.LIGHT.apply();
        view = new MainView(model);
        Scene scene = new Scene(view, 900, 600);
        scene.getStylesheets().add(Theme.ROOM_CSS);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void closeRoom() {
        if (room != null) {
            room.close();
        }
    }

    private static RoomFeature feature(String title) {
        return new RoomFeature() {
            @Override
            public String title() {
                return title;
            }

            @Override
            public javafx.scene.Node createView(RoomContext context) {
                Label label = new Label(title + " of " + context.kernel().registry().all().size() + " agents");
                label.setId("view-" + title);
                return label;
            }
        };
    }

    @Test
    void showsProgressWhileStartingThenTheRoom(FxRobot robot) throws Exception {
        robot.interact(() -> model.stepBegan("Opening the database and applying migrations"));
        assertThat(robot.lookup("#startup").tryQuery()).isPresent();
        assertThat(robot.lookup("#status-gateway").queryLabeled().getText()).isEqualTo("Starting…");

        room = RoomFixture.open(data);
        String address = room.room().gateway().address();
        robot.interact(() -> {
            view.roomReady(room.context(), List.of(feature("Topology"), feature("Queues")), null);
            model.ready(address, data.toString());
        });

        assertThat(robot.lookup("#startup").tryQuery()).isEmpty();
        assertThat(robot.lookup("#status-gateway").queryLabeled().getText()).isEqualTo("Gateway " + address);
        assertThat(robot.lookup("#status-hint").queryLabeled().getText()).contains("symbi token issue");
        assertThat(robot.lookup("#view-Topology").queryLabeled().getText()).isEqualTo("Topology of 0 agents");

        robot.clickOn("Queues");
        assertThat(robot.lookup("#view-Queues").tryQuery()).isPresent();
    }

    @Test
    void aFailedStartStaysOnScreenWithTheReason(FxRobot robot) {
        robot.interact(() -> model.failed(new java.io.IOException("the gateway's port is in use")));

        assertThat(robot.lookup("#status-gateway").queryLabeled().getText()).isEqualTo("Not running");
        assertThat(robot.lookup("#startup").queryAs(javafx.scene.layout.VBox.class).getChildren().getFirst())
                .extracting(n -> ((Label) n).getText()).asString().contains("port is in use");
    }
}
