package org.symbi.app.ui.settings;

import atlantafx.base.controls.ToggleSwitch;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.app.ui.RoomFixture;
import org.symbi.app.ui.ViewStage;
import org.symbi.app.ui.kit.Theme;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings view on a real room. */
@ExtendWith(ApplicationExtension.class)
class SettingsViewTest {
    @TempDir
    Path data;
    private final SimpleObjectProperty<Theme> shellTheme = new SimpleObjectProperty<>(Theme.DARK);
    private Stage stage;
    private RoomFixture room;

    @Start
    void start(Stage primary) {
        stage = primary;
        Theme.DARK.apply();
    }

    @AfterEach
    void closeRoom() {
        if (room != null) {
            room.close();
        }
    }

    private void show(FxRobot robot) throws Exception {
        room = ViewStage.show(robot, stage, data, context -> new SettingsView(
                new SettingsViewModel(context, shellTheme, theme -> {
                    theme.apply();
                    shellTheme.set(theme);
                }), new PolicyViewModel(context)));
    }

    @Test
    void theThemeSwitchChangesTheWindowsThemeAndFollowsIt(FxRobot robot) throws Exception {
        show(robot);
        ToggleSwitch dark = robot.lookup("#theme-switch").queryAs(ToggleSwitch.class);
        assertThat(dark.isSelected()).isTrue();
        assertThat(robot.lookup("#settings-data-dir").queryAs(TextField.class).getText())
                .isEqualTo(data.toAbsolutePath().normalize().toString());

        robot.clickOn(dark);

        assertThat(shellTheme.get()).isEqualTo(Theme.LIGHT);
        robot.interact(() -> shellTheme.set(Theme.DARK));
        assertThat(dark.isSelected()).isTrue();
    }

    @Test
    void anInvalidPolicyIsRefusedOnScreenAndTheFileStaysAsItWas(FxRobot robot) throws Exception {
        show(robot);
        Path policy = data.resolve("policies").resolve("policy.json");
        String before = Files.readString(policy);
        robot.clickOn("Policy");
        TextArea editor = robot.lookup("#policy-text").queryAs(TextArea.class);
        assertThat(editor.getText()).isEqualTo(before);

        robot.interact(() -> editor.setText("{\"version\": 2, \"rules\": [ oops ]}"));
        robot.clickOn("#policy-save");
        robot.interact(room::drain);

        assertThat(robot.lookup("#policy-error").queryAs(Label.class).getText()).startsWith("Not saved: policy file");
        assertThat(Files.readString(policy)).isEqualTo(before);
    }
}
