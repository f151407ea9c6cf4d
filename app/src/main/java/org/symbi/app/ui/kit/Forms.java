package org.symbi.app.ui.kit;

import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Small pieces that forms in several views are made of: a text field bound to a view-model property, a
 * button bound to a {@link Command}, and the lines under a form that say what its last command did or why
 * it failed.
 */
public final class Forms {
    private Forms() {
    }

    /** A text field whose text is the property's, both ways. */
    public static TextField field(String id, String prompt, StringProperty value) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    /** A button that runs a command and is disabled while the command cannot run. */
    public static Button button(String id, String text, Command command) {
        Button b = new Button(text);
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.disableProperty().bind(command.executableProperty().not());
        b.setOnAction(e -> command.execute());
        return b;
    }

    /**
     * What the last command did ({@code ID-info}) and why it failed ({@code ID-error}); each line takes no
     * room while it is empty.
     */
    public static Node feedback(String idPrefix, ObservableStringValue info, ObservableStringValue error) {
        return new VBox(4, line(idPrefix + "-info", "form-info", info), line(idPrefix + "-error", "form-error", error));
    }

    private static Label line(String id, String styleClass, ObservableStringValue text) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.getStyleClass().add(styleClass);
        l.textProperty().bind(text);
        l.managedProperty().bind(l.textProperty().isNotEmpty());
        return l;
    }
}
