package org.symbi.app.ui.ledger;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.symbi.app.ui.kit.Forms;

import java.io.File;
import java.util.List;
import java.util.function.Function;

/**
 * The ledger: verification with its verdict at the top, filters, the entries in a virtualized table, paging,
 * and the export of a trust receipt for the selected entry.
 */
public final class LedgerView extends BorderPane {
    private static final String INTACT = "ledger-intact";
    private static final String FAILED = "ledger-failed";

    private final LedgerViewModel model;
    private final TableView<LedgerRow> table = new TableView<>();

    public LedgerView(LedgerViewModel model) {
        this.model = model;
        getStyleClass().add("ledger-view");
        setId("ledger-view");
        setTop(new VBox(8, trustCard(), filterBar()));
        setCenter(table());
        setBottom(bottomBar());
        setPadding(new Insets(8));
    }

    private Node trustCard() {
        LedgerVerification v = model.verification();
        Button verify = Forms.button("ledger-verify", "Verify ledger", v.verifyCommand());
        ProgressBar progress = new ProgressBar();
        progress.setId("ledger-verify-progress");
        progress.setPrefWidth(180);
        progress.progressProperty().bind(v.progressProperty());
        Label verdict = new Label();
        verdict.setId("ledger-verdict");
        verdict.getStyleClass().add("ledger-verdict");
        verdict.setWrapText(true);
        verdict.textProperty().bind(v.resultProperty());
        HBox.setHgrow(verdict, Priority.ALWAYS);
        Button showBad = new Button("Show first bad entry");
        showBad.setId("ledger-show-bad");
        showBad.visibleProperty().bind(v.firstBadIndexProperty().isNotNull());
        showBad.managedProperty().bind(showBad.visibleProperty());
        showBad.setOnAction(e -> model.showEntry(v.firstBadIndexProperty().get()));
        v.stateProperty().addListener((obs, was, state) -> {
            for (Node n : new Node[] {verify, progress, verdict}) {
                n.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, INTACT, FAILED);
            }
            if (state == LedgerVerification.State.INTACT) {
                verify.getStyleClass().add(Styles.SUCCESS);
                progress.getStyleClass().add(INTACT);
                verdict.getStyleClass().add(INTACT);
            } else if (state == LedgerVerification.State.FAILED) {
                verify.getStyleClass().add(Styles.DANGER);
                progress.getStyleClass().add(FAILED);
                verdict.getStyleClass().add(FAILED);
            }
        });
        HBox verifyRow = new HBox(10, verify, progress, verdict, showBad);
        verifyRow.setAlignment(Pos.CENTER_LEFT);

        Label key = new Label("Public key: " + model.publicKeyFile() + "   ·   origin " + model.origin());
        key.setId("ledger-public-key");
        key.getStyleClass().add("text-muted");
        Label checkpoint = new Label();
        checkpoint.setId("ledger-checkpoint");
        checkpoint.getStyleClass().add("text-muted");
        checkpoint.textProperty().bind(model.checkpointTextProperty());
        TextArea note = new TextArea();
        note.setId("ledger-checkpoint-note");
        note.setEditable(false);
        note.setPrefRowCount(6);
        note.textProperty().bind(model.checkpointNoteProperty());
        note.getStyleClass().add("ledger-note");
        TitledPane notePane = new TitledPane("Signed checkpoint note", note);
        notePane.setExpanded(false);
        notePane.disableProperty().bind(model.checkpointNoteProperty().isEmpty());

        VBox card = new VBox(6, verifyRow, key, checkpoint, notePane);
        card.getStyleClass().add("ledger-trust-card");
        card.setPadding(new Insets(10));
        return card;
    }

    private Node filterBar() {
        TextField actor = filterField("ledger-filter-actor", "Actor, exactly (agent:alice)", model.actorFilterProperty());
        TextField action = filterField("ledger-filter-action", "Action, exactly (tool.exec)", model.actionFilterProperty());
        TextField subject = filterField("ledger-filter-subject", "Subject, exactly", model.subjectFilterProperty());
        HBox bar = new HBox(6, actor, action, subject, Forms.button("ledger-filter", "Filter", model.applyFiltersCommand()),
                Forms.button("ledger-filter-clear", "Clear", model.clearFiltersCommand()));
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private TextField filterField(String id, String prompt, StringProperty text) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(text);
        field.setOnAction(e -> model.applyFiltersCommand().execute());
        HBox.setHgrow(field, Priority.ALWAYS);
        return field;
    }

    private Node table() {
        table.setId("ledger-entries");
        table.setItems(model.rows());
        table.getColumns().setAll(List.of(
                column("Seq", 70, LedgerRow::seq),
                column("Time", 180, LedgerRow::timeText),
                column("Actor", 150, LedgerRow::actor),
                column("Action", 150, LedgerRow::action),
                column("Subject", 180, LedgerRow::subject),
                column("Outcome", 90, LedgerRow::outcome),
                column("Signed by", 130, LedgerRow::signedText),
                column("Hash", 120, LedgerRow::hashPrefix)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label placeholder = new Label();
        placeholder.textProperty().bind(model.pageTextProperty());
        table.setPlaceholder(placeholder);
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, row) -> model.selectedRowProperty().set(row));
        model.selectedRowProperty().addListener((obs, was, row) -> {
            if (row == null) {
                table.getSelectionModel().clearSelection();
            } else if (row != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(row);
                table.scrollTo(row);
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        BorderPane.setMargin(table, new Insets(8, 0, 8, 0));
        return table;
    }

    private static <T> TableColumn<LedgerRow, T> column(String title, double width, Function<LedgerRow, T> value) {
        TableColumn<LedgerRow, T> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }

    private Node bottomBar() {
        Label page = new Label();
        page.setId("ledger-page");
        page.textProperty().bind(model.pageTextProperty());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        Button export = new Button("Export receipt…");
        export.setId("ledger-export");
        export.setMinWidth(Region.USE_PREF_SIZE);
        export.disableProperty().bind(Bindings.not(model.canExportReceipt()));
        export.setOnAction(e -> chooseReceiptFile());
        HBox paging = new HBox(6, Forms.button("ledger-first", "First", model.firstPageCommand()),
                Forms.button("ledger-previous", "Previous", model.previousPageCommand()), page,
                Forms.button("ledger-next", "Next", model.nextPageCommand()),
                Forms.button("ledger-latest", "Latest", model.latestPageCommand()), spring, export);
        paging.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.setId("ledger-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        return new VBox(6, paging, message);
    }

    private void chooseReceiptFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the trust receipt");
        chooser.setInitialFileName(model.suggestedReceiptName());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Trust receipt (JSON)", "*.json"));
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            model.exportReceipt(file.toPath());
        }
    }
}
