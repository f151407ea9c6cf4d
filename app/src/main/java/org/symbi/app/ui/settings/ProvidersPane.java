package org.symbi.app.ui.settings;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.symbi.app.ui.kit.Forms;

/** The language models the planner may call, and a form to add one. Keys stay in the environment. */
final class ProvidersPane extends VBox {
    ProvidersPane(SettingsViewModel model) {
        super(10);
        setPadding(new Insets(12));
        TableView<LlmProvider> table = new TableView<>(model.providers());
        table.setId("providers-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(SettingsView.column("Kind", p -> p.kind().label()));
        table.getColumns().add(SettingsView.column("Model", LlmProvider::model));
        table.getColumns().add(SettingsView.column("Base URL", p -> p.baseUrl() != null ? p.baseUrl()
                : "usual (" + p.effectiveBaseUrl() + ")"));
        table.getColumns().add(SettingsView.column("API key from", p -> p.apiKeyEnv() != null
                ? "$" + p.apiKeyEnv() : "no key"));
        table.setPlaceholder(new Label("No language models yet: add one below"));
        table.setPrefHeight(180);
        Button remove = new Button("Remove");
        remove.setId("provider-remove");
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> model.removeProvider(table.getSelectionModel().getSelectedItem()));

        ComboBox<LlmProvider.Kind> kind = new ComboBox<>();
        kind.setId("provider-kind");
        kind.getItems().setAll(LlmProvider.Kind.values());
        kind.setCellFactory(list -> new KindCell());
        kind.setButtonCell(new KindCell());
        kind.valueProperty().bindBidirectional(model.providerKindProperty());
        TextField modelName = Forms.field("provider-model", "e.g. gpt-4o, claude-sonnet-4-5, llama3.1",
                model.providerModelProperty());
        TextField baseUrl = Forms.field("provider-base-url", "", model.providerBaseUrlProperty());
        baseUrl.promptTextProperty().bind(kind.valueProperty().map(k -> k.defaultBaseUrl() == null
                ? "required, e.g. http://localhost:8000/v1" : "empty: " + k.defaultBaseUrl()));
        TextField keyEnv = Forms.field("provider-key-env", "e.g. OPENAI_API_KEY", model.providerKeyEnvProperty());
        Button add = Forms.button("provider-add", "Add", model.addProviderCommand());

        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(8);
        form.addRow(0, new Label("Kind"), kind);
        form.addRow(1, new Label("Model"), modelName);
        form.addRow(2, new Label("Base URL"), baseUrl);
        form.addRow(3, new Label("API key variable"), keyEnv);
        form.add(add, 1, 4);
        GridPane.setHgrow(modelName, Priority.ALWAYS);
        Label keys = SettingsView.muted("Enter the NAME of the environment variable that holds the API key. "
                + "The key itself is never written to settings.json; the planner reads the variable when it "
                + "calls the model.");
        HBox actions = new HBox(8, remove);
        actions.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(table, actions, new Label("Add a language model"), form, keys);
    }

    private static final class KindCell extends ListCell<LlmProvider.Kind> {
        @Override
        protected void updateItem(LlmProvider.Kind item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.label());
        }
    }
}
