package org.symbi.app.ui.requests;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.symbi.app.ui.kit.Forms;

import java.io.File;

/**
 * Where a person says what the team should do: the request (several lines if need be; Ctrl+Enter plans it),
 * the git working tree it is about (typed, or chosen with a directory chooser), an optional test command, and
 * the Plan button; under them, why the last request was not taken or that it is being planned.
 */
final class RequestBar extends VBox {
    private final RequestForm form;

    RequestBar(RequestForm form) {
        this.form = form;
        getStyleClass().add("request-bar");
        setSpacing(8);
        setPadding(new Insets(10, 12, 10, 12));

        TextArea text = new TextArea();
        text.setId("request-text");
        text.setPromptText("What should the team do?  (Ctrl+Enter plans it)");
        text.setPrefRowCount(2);
        text.setWrapText(true);
        text.textProperty().bindBidirectional(form.textProperty());
        text.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                form.planCommand().execute();
                e.consume();
            }
        });

        TextField worktree = Forms.field("request-repository", "Git working tree, e.g. /home/ada/projects/fib",
                form.repositoryProperty());
        HBox.setHgrow(worktree, Priority.ALWAYS);
        Button choose = new Button("Choose…");
        choose.setId("request-choose");
        choose.setMinWidth(Button.USE_PREF_SIZE);
        choose.setOnAction(e -> chooseWorktree());
        TextField test = Forms.field("request-test-command", "Test command (optional)", form.testCommandProperty());
        test.setPrefColumnCount(16);
        Button plan = Forms.button("request-plan", "Plan", form.planCommand());
        plan.getStyleClass().add("accent");
        Label repository = new Label("Repository");
        repository.setMinWidth(Label.USE_PREF_SIZE);
        HBox target = new HBox(8, repository, worktree, choose, test, plan);
        target.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(text, target, Forms.feedback("request-form", form.infoProperty(),
                form.problemProperty()));
    }

    private void chooseWorktree() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("The git working tree the request is about");
        String typed = form.repositoryProperty().get();
        File start = typed == null || typed.isBlank() ? null : new File(typed.strip());
        if (start != null && start.isDirectory()) {
            chooser.setInitialDirectory(start);
        }
        File chosen = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (chosen != null) {
            form.repositoryProperty().set(chosen.getAbsolutePath());
        }
    }
}
