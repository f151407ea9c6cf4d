package org.symbi.app.ui;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.symbi.app.ui.kit.Notifier;
import org.symbi.app.ui.kit.Theme;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A notification shown over a room window in each theme: its pop-up gets the theme's colours. */
@ExtendWith(ApplicationExtension.class)
class DesktopNotifierPopupTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Scene scene = new Scene(new StackPane(), 400, 300);
        scene.getStylesheets().add(Theme.ROOM_CSS);
        stage.setScene(scene);
        stage.show();
    }

    @ParameterizedTest
    @EnumSource(Theme.class)
    void thePopUpHasAnOpaqueBackgroundInTheTheme(Theme theme, FxRobot robot) throws Exception {
        robot.interact(() -> {
            theme.apply();
            new DesktopNotifier(stage).notify(Notifier.Severity.INFO, "Plan ready", "4 tasks for coder-1");
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> notificationPane().isPresent());
        Region pane = notificationPane().orElseThrow();
        robot.interact(() -> { });

        assertThat(pane.getBackground()).isNotNull();
        assertThat(pane.getBackground().getFills()).hasSize(3)
                .allSatisfy(fill -> assertThat(fill.getFill()).isInstanceOf(Color.class)
                        .satisfies(paint -> assertThat(((Color) paint).getOpacity()).isEqualTo(1.0)));
        robot.interact(() -> Window.getWindows().stream().filter(w -> w instanceof PopupWindow).toList()
                .forEach(Window::hide));
    }

    private static Optional<Region> notificationPane() {
        return Window.getWindows().stream().filter(w -> w instanceof PopupWindow && w.isShowing())
                .map(w -> w.getScene().getRoot().lookup(".notification-bar"))
                .filter(bar -> bar instanceof Parent)
                .flatMap(bar -> ((Parent) bar).getChildrenUnmodifiable().stream())
                .filter(n -> n.getStyleClass().contains("pane"))
                .map(Region.class::cast)
                .findFirst();
    }
}
