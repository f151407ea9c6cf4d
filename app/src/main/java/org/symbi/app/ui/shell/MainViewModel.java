package org.symbi.app.ui.shell;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.symbi.app.ui.kit.Theme;

/**
 * The window's state: how far the room has come while starting, what the status bar says (where agents
 * connect and how), and the theme. No nodes; tested without JavaFX.
 */
public final class MainViewModel {
    /** Where the room is in its life. */
    public enum Phase { STARTING, READY, FAILED }

    /** Startup steps in order; progress is the share of them begun. */
    static final int STARTUP_STEPS = 4;

    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.STARTING);
    private final ReadOnlyStringWrapper startupStep = new ReadOnlyStringWrapper("Starting");
    private final ReadOnlyDoubleWrapper startupProgress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper gatewayAddress = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper connectHint = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Theme> theme;
    private int stepsBegun;

    public MainViewModel(Theme initialTheme) {
        theme = new ReadOnlyObjectWrapper<>(initialTheme);
    }

    /** A startup step began (called on the FX thread). */
    public void stepBegan(String description) {
        stepsBegun = Math.min(stepsBegun + 1, STARTUP_STEPS);
        startupStep.set(description + "…");
        startupProgress.set((double) stepsBegun / (STARTUP_STEPS + 1));
    }

    /** The room is open: the status bar shows where agents connect. */
    public void ready(String agentAddress, String dataDir) {
        gatewayAddress.set(agentAddress);
        connectHint.set("Connect an agent: symbi token issue --data " + dataDir
                + " --agent ID --capabilities …, then dial " + agentAddress + " with that token");
        startupStep.set("Ready");
        startupProgress.set(1);
        phase.set(Phase.READY);
    }

    /** The room could not open; the window says why instead of closing. */
    public void failed(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        failure.set(message);
        startupStep.set("The room could not start: " + message);
        phase.set(Phase.FAILED);
    }

    public void toggleTheme() {
        useTheme(theme.get() == Theme.DARK ? Theme.LIGHT : Theme.DARK);
    }

    public void useTheme(Theme newTheme) {
        theme.set(newTheme);
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty startupStepProperty() {
        return startupStep.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty startupProgressProperty() {
        return startupProgress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty gatewayAddressProperty() {
        return gatewayAddress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty connectHintProperty() {
        return connectHint.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty failureProperty() {
        return failure.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme.getReadOnlyProperty();
    }
}
