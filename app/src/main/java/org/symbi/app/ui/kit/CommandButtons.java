package org.symbi.app.ui.kit;

import javafx.scene.control.Button;
import javafx.scene.layout.Region;

/** Buttons that run a {@link Command} and are disabled while it cannot run. */
public final class CommandButtons {
    private CommandButtons() {
    }

    /** A button never shrunk below its label, bound to the command. */
    public static Button of(String id, String text, Command command) {
        Button b = new Button(text);
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.disableProperty().bind(command.executableProperty().not());
        b.setOnAction(e -> command.execute());
        return b;
    }
}
