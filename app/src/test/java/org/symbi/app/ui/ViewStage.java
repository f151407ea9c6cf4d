package org.symbi.app.ui;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.symbi.app.ui.kit.Theme;
import org.testfx.api.FxRobot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * For TestFX tests of one view: opens a real room on {@code data}, builds the view on the FX thread, shows
 * it on the test's stage (within the headless platform's 1000x1000 screen) and runs one pulse.
 */
public final class ViewStage {
    private ViewStage() {
    }

    public static RoomFixture show(FxRobot robot, Stage stage, Path data, Function<RoomContext, Parent> view)
            throws IOException {
        RoomFixture room = RoomFixture.open(data);
        robot.interact(() -> {
            Scene scene = new Scene(view.apply(room.context()), 980, 720);
            scene.getStylesheets().add(Theme.ROOM_CSS);
            stage.setScene(scene);
            stage.show();
            room.drain();
        });
        return room;
    }
}
