package org.symbi.app.ui.settings;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.symbi.app.ui.kit.Forms;

/** The policy editor: the user's policy file as text, saved only when the policy parser accepts it. */
final class PolicyPane extends BorderPane {
    PolicyPane(PolicyViewModel model) {
        getStyleClass().add("settings-policy");
        Label where = new Label("Policy file: " + model.file());
        where.setWrapText(true);
        Label when = new Label("Rules for gated actions: what is allowed, denied or needs approvals "
                + "(docs/governance.md). A saved policy is applied when the room next starts.");
        when.setWrapText(true);
        when.getStyleClass().add("text-muted");

        TextArea editor = new TextArea();
        editor.setId("policy-text");
        editor.getStyleClass().add("settings-code");
        editor.textProperty().bindBidirectional(model.textProperty());

        Button save = Forms.button("policy-save", "Save", model.saveCommand());
        Button reset = Forms.button("policy-reset", "Reset to defaults", model.resetToDefaultsCommand());
        Label unsaved = new Label("Unsaved changes");
        unsaved.getStyleClass().add("text-muted");
        unsaved.visibleProperty().bind(model.editedProperty());

        HBox buttons = new HBox(8, save, reset, unsaved);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(4, where, when);
        VBox bottom = new VBox(6, buttons, Forms.feedback("policy", model.infoProperty(), model.errorProperty()));
        setTop(top);
        setCenter(editor);
        setBottom(bottom);
        BorderPane.setMargin(editor, new Insets(8, 0, 8, 0));
        setPadding(new Insets(12));
    }
}
