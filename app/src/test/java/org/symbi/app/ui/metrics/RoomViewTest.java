package org.symbi.app.ui.metrics;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.app.ui.RoomFixture;
import org.symbi.app.ui.kit.Theme;
import org.testfx.framework.junit5.ApplicationExtension;

import java.io.IOException;
import java.nio.file.Path;

/** A TestFX test of one view on a real room: the test opens the room, then shows its view on the stage. */
@ExtendWith(ApplicationExtension.class)
public abstract class RoomViewTest {
    @TempDir
    Path data;
    private final StackPane root = new StackPane();
    private RoomFixture room;

    /** Sets the stage up; a test's own {@code @Start} method calls it (TestFX looks there only). */
    protected void start(Stage stage) {
        Theme.LIGHT.apply();
        Scene scene = new Scene(root, 960, 900);
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

    protected RoomFixture openRoom() throws IOException {
        room = RoomFixture.open(data);
        return room;
    }

    /** Puts the view on the stage; call on the FX thread. */
    protected void show(Node view) {
        root.getChildren().setAll(view);
    }
}
