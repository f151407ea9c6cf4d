package org.symbi.app.ui.trace;

import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.kit.Forms;

/**
 * The room's side panel: the reasoning trace of the selected agent or task. A virtualized list of steps (each
 * a bounded preview), and below it the selected step's full content and detail, coloured by
 * {@link TraceHighlighter} with the search's matches marked.
 */
public final class TracePanel extends BorderPane {
    private final TracePanelViewModel model;
    private final ListView<TraceStepItem> list = new ListView<>();
    private final CodeArea content = readOnlyArea("trace-content");
    private final CodeArea detail = readOnlyArea("trace-detail");
    private final VirtualizedScrollPane<CodeArea> detailPane = new VirtualizedScrollPane<>(detail);
    private final Label contentHeading = new Label();

    public TracePanel(TracePanelViewModel model) {
        this.model = model;
        getStyleClass().add("trace-panel");
        setId("trace-panel");
        setMinWidth(260);
        setTop(header());
        setCenter(body());
    }

    /** The side panel of a room, copying to the system clipboard. */
    public static TracePanel create(RoomContext context) {
        return new TracePanel(new TracePanelViewModel(context, TracePanel::toClipboard));
    }

    private static void toClipboard(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }

    private Node header() {
        Label title = new Label();
        title.setId("trace-title");
        title.getStyleClass().add("title-4");
        title.textProperty().bind(model.titleProperty());
        Label status = new Label();
        status.setId("trace-status");
        status.getStyleClass().add("text-muted");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        TextField search = new TextField();
        search.setId("trace-search");
        search.setPromptText("Search the steps");
        search.textProperty().bindBidirectional(model.queryProperty());
        search.disableProperty().bind(model.subjectProperty().isNull());
        HBox.setHgrow(search, Priority.ALWAYS);
        HBox tools = new HBox(6, search, Forms.button("trace-copy-trace", "Copy trace", model.copyTraceCommand()));
        tools.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, title, status, tools);
        box.setPadding(new Insets(8));
        return box;
    }

    private Node body() {
        list.setId("trace-steps");
        list.setItems(model.shownSteps());
        list.setCellFactory(l -> new StepCell());
        Label empty = new Label();
        empty.textProperty().bind(model.statusProperty());
        empty.setWrapText(true);
        empty.setPadding(new Insets(12));
        list.setPlaceholder(empty);
        list.getSelectionModel().selectedItemProperty().addListener((obs, was, item) -> model.selectedStepProperty().set(item));
        model.selectedStepProperty().addListener((obs, was, item) -> showStep());
        model.queryProperty().addListener((obs, was, q) -> showStep());

        contentHeading.setId("trace-step-heading");
        contentHeading.getStyleClass().add("text-muted");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox stepBar = new HBox(6, contentHeading, spring, Forms.button("trace-copy-step", "Copy step", model.copyStepCommand()));
        stepBar.setAlignment(Pos.CENTER_LEFT);
        stepBar.setPadding(new Insets(4, 8, 4, 8));
        VirtualizedScrollPane<CodeArea> contentPane = new VirtualizedScrollPane<>(content);
        detailPane.setPrefHeight(120);
        detailPane.managedProperty().bind(detailPane.visibleProperty());
        VBox.setVgrow(contentPane, Priority.ALWAYS);
        Label detailHeading = new Label("Detail");
        detailHeading.getStyleClass().add("text-muted");
        detailHeading.setPadding(new Insets(4, 8, 2, 8));
        detailHeading.visibleProperty().bind(detailPane.visibleProperty());
        detailHeading.managedProperty().bind(detailPane.visibleProperty());
        VBox stepBox = new VBox(stepBar, contentPane, detailHeading, detailPane);
        stepBox.visibleProperty().bind(model.selectedStepProperty().isNotNull());

        SplitPane split = new SplitPane(list, stepBox);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        showStep();
        return split;
    }

    /** Puts the selected step's content and detail into the areas, coloured, with the search's matches marked. */
    private void showStep() {
        TraceStepItem item = model.selectedStepProperty().get();
        String q = model.queryProperty().get();
        fill(content, item == null ? "" : item.content(), q);
        String d = item == null ? null : item.detail();
        fill(detail, d == null ? "" : d, q);
        detailPane.setVisible(d != null);
        contentHeading.setText(item == null ? "" : item.kindLabel() + " · " + item.time() + " · " + item.agentId());
        content.moveTo(0);
        content.requestFollowCaret();
    }

    private static void fill(CodeArea area, String text, String query) {
        area.replaceText(text);
        area.setStyleSpans(0, TraceHighlighter.highlight(text, query));
    }

    private static CodeArea readOnlyArea(String id) {
        CodeArea area = new CodeArea();
        area.setId(id);
        area.getStyleClass().add("trace-code");
        area.setEditable(false);
        area.setWrapText(true);
        return area;
    }


    /** A step in the list: kind, time, who and how, and a few lines of its content. */
    private static final class StepCell extends ListCell<TraceStepItem> {
        private final Label kind = new Label();
        private final Label time = new Label();
        private final Label meta = new Label();
        private final Label preview = new Label();
        private final VBox box;

        StepCell() {
            kind.getStyleClass().add("trace-kind");
            kind.setMinWidth(Region.USE_PREF_SIZE);
            time.getStyleClass().add("text-muted");
            time.setMinWidth(Region.USE_PREF_SIZE);
            meta.getStyleClass().add("text-muted");
            preview.getStyleClass().add("trace-preview");
            preview.setWrapText(true);
            preview.setMaxHeight(Double.MAX_VALUE);
            HBox line = new HBox(8, kind, time, meta);
            line.setAlignment(Pos.CENTER_LEFT);
            box = new VBox(2, line, preview);
            box.setMinWidth(0);
            // Wrapping needs a width to wrap at: the list's, less its scroll bar and padding.
            listViewProperty().addListener((obs, was, list) -> {
                if (list != null) {
                    box.prefWidthProperty().bind(list.widthProperty().subtract(32));
                }
            });
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(TraceStepItem item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            kind.setText(item.kindLabel());
            kind.getStyleClass().removeIf(c -> c.startsWith("trace-kind-"));
            kind.getStyleClass().add("trace-kind-" + (item.kind() == null ? "step" : item.kind().wire()));
            time.setText(item.time());
            String m = item.meta();
            meta.setText(m.isEmpty() ? item.agentId() : item.agentId() + " · " + m);
            preview.setText(item.preview());
            setGraphic(box);
        }
    }
}
