package org.symbi.app.ui.shell;

import org.junit.jupiter.api.Test;
import org.symbi.app.ui.kit.Theme;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class MainViewModelTest {
    private final MainViewModel model = new MainViewModel(Theme.DARK);

    @Test
    void startupStepsAdvanceTheProgressThenReadyShowsWhereAgentsConnect() {
        assertThat(model.phaseProperty().get()).isEqualTo(MainViewModel.Phase.STARTING);
        model.stepBegan("Opening the database");
        double first = model.startupProgressProperty().get();
        model.stepBegan("Starting the gateway");
        assertThat(model.startupProgressProperty().get()).isGreaterThan(first).isLessThan(1);
        assertThat(model.startupStepProperty().get()).isEqualTo("Starting the gateway…");

        model.ready("ws://127.0.0.1:7420/ws", "/data");

        assertThat(model.phaseProperty().get()).isEqualTo(MainViewModel.Phase.READY);
        assertThat(model.startupProgressProperty().get()).isEqualTo(1);
        assertThat(model.gatewayAddressProperty().get()).isEqualTo("ws://127.0.0.1:7420/ws");
        assertThat(model.connectHintProperty().get()).contains("symbi token issue --data /data")
                .contains("ws://127.0.0.1:7420/ws");
    }

    @Test
    void aFailedStartSaysWhy() {
        model.failed(new IOException("the gateway's port is in use; choose another with --port"));

        assertThat(model.phaseProperty().get()).isEqualTo(MainViewModel.Phase.FAILED);
        assertThat(model.startupStepProperty().get()).contains("port is in use");
    }

    @Test
    void theThemeToggles() {
        model.toggleTheme();
        assertThat(model.themeProperty().get()).isEqualTo(Theme.LIGHT);
        model.toggleTheme();
        assertThat(model.themeProperty().get()).isEqualTo(Theme.DARK);
    }
}
