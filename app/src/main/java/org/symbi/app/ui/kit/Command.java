package org.symbi.app.ui.kit;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ObservableBooleanValue;

/**
 * A user action as an object: what a button, a key and a drop all call, and whether it can run now. View
 * models expose commands; views bind buttons to {@link #executableProperty()} and call {@link #execute()}.
 */
public final class Command {
    private final Runnable action;
    private final ReadOnlyBooleanWrapper executable = new ReadOnlyBooleanWrapper(true);

    private Command(Runnable action, ObservableBooleanValue when) {
        this.action = action;
        if (when != null) {
            executable.bind(when);
        }
    }

    public static Command of(Runnable action) {
        return new Command(action, null);
    }

    /** A command that can only run while {@code when} holds. */
    public static Command of(Runnable action, ObservableBooleanValue when) {
        return new Command(action, when);
    }

    public ReadOnlyBooleanProperty executableProperty() {
        return executable.getReadOnlyProperty();
    }

    public boolean isExecutable() {
        return executable.get();
    }

    /** Runs the action if it can run now; returns whether it ran. */
    public boolean execute() {
        if (!executable.get()) {
            return false;
        }
        action.run();
        return true;
    }
}
