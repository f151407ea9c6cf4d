package org.symbi.app.ui.kit;

import javafx.scene.control.Button;

/** A button that runs a {@link Command} and is disabled while the command cannot run. */
public final class CommandButton extends Button {
    public CommandButton(String text, String id, Command command) {
        super(text);
        setId(id);
        disableProperty().bind(command.executableProperty().not());
        setOnAction(e -> command.execute());
    }
}
