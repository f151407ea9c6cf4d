package org.symbi.app.ui.requests;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.symbi.app.ui.kit.KeptSelection;

import static javafx.scene.layout.Priority.ALWAYS;

/**
 * People's requests: the request bar on top; below it the requests, newest first, and the chosen one's
 * plan, decisions and completion report.
 */
public final class RequestsView extends BorderPane {
    private final RequestsViewModel model;

    public RequestsView(RequestsViewModel model) {
        this.model = model;
        setId("requests");
        getStyleClass().add("requests-view");
        setTop(new RequestBar(model.form()));
        ScrollPane detail = new ScrollPane(new RequestDetailPane(model));
        detail.setFitToWidth(true);
        detail.setFitToHeight(true);
        detail.getStyleClass().add("edge-to-edge");
        SplitPane split = new SplitPane(requestList(), detail);
        split.setDividerPositions(0.28);
        setCenter(split);
    }

    private Node requestList() {
        KeptSelection<RequestRow, String> kept = new KeptSelection<>(model.requests(), RequestRow::requestId,
                model.selectedProperty().map(RequestRow::requestId));
        ListView<RequestRow> list = new ListView<>(model.requests());
        list.setId("request-list");
        list.setPlaceholder(new Label("No requests yet"));
        list.setCellFactory(l -> new RequestCell());
        kept.attach(list.getSelectionModel(), model::select);
        Label title = new Label("Requests");
        title.getStyleClass().add("title-4");
        VBox box = new VBox(6, title, list);
        VBox.setVgrow(list, ALWAYS);
        box.setPadding(new Insets(8));
        box.setMinWidth(200);
        return box;
    }
}
