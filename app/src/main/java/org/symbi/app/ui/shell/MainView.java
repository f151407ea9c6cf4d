package org.symbi.app.ui.shell;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.RoomFeature;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The room's window: navigation on the left, the chosen view in the middle, the side panel (the reasoning
 * trace) on the right, the status bar at the bottom. Until the room has opened it shows startup progress.
 */
public final class MainView extends BorderPane {
    private final MainViewModel model;
    private final ListView<RoomFeature> navigation = new ListView<>();
    private final StackPane content = new StackPane();
    private final SplitPane body = new SplitPane(content);
    private final Map<RoomFeature, Node> views = new HashMap<>();
    private RoomContext context;

    public MainView(MainViewModel model) {
        this.model = model;
        getStyleClass().add("room-main");
        setTop(header());
        setBottom(statusBar());
        setCenter(startupPane());
        model.phaseProperty().addListener((obs, was, phase) -> {
            if (phase == MainViewModel.Phase.FAILED) {
                setCenter(startupPane());
            }
        });
    }

    /**
     * The room has opened: builds the views that follow the room from the start even when not shown (alerts,
     * approval requests and requests are collected and notified, the message rate is recorded), then shows the
     * first. The others are built the first time they are shown, which keeps them off the start-up path.
     */
    public void roomReady(RoomContext roomContext, List<RoomFeature> features, Node sidePanel) {
        context = roomContext;
        for (RoomFeature f : features) {
            if (f.watchesFromStart()) {
                views.put(f, f.createView(roomContext));
            }
        }
        navigation.getItems().setAll(features);
        navigation.setId("navigation");
        navigation.setPrefWidth(180);
        navigation.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(RoomFeature item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.title());
            }
        });
        navigation.getSelectionModel().selectedItemProperty().addListener((obs, was, feature) -> show(feature));
        if (sidePanel != null) {
            body.getItems().add(sidePanel);
            body.setDividerPositions(0.72);
        }
        setLeft(navigation);
        setCenter(body);
        if (!features.isEmpty()) {
            navigation.getSelectionModel().selectFirst();
        }
    }

    /** Shows the view with this navigation title; true if there is one. */
    public boolean showFeature(String title) {
        for (RoomFeature f : navigation.getItems()) {
            if (f.title().equals(title)) {
                navigation.getSelectionModel().select(f);
                return true;
            }
        }
        return false;
    }

    /** The navigation's titles, in order. */
    public List<String> featureTitles() {
        return navigation.getItems().stream().map(RoomFeature::title).toList();
    }

    private void show(RoomFeature feature) {
        if (feature == null) {
            return;
        }
        content.getChildren().setAll(views.computeIfAbsent(feature, f -> f.createView(context)));
    }

    private Node header() {
        Label title = new Label("SYMBI Control Room");
        title.getStyleClass().add("title-3");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        Button theme = new Button();
        theme.setId("theme-toggle");
        theme.textProperty().bind(model.themeProperty().map(t -> switch (t) {
            case DARK -> "Light theme";
            case LIGHT -> "Dark theme";
        }));
        theme.setOnAction(e -> model.toggleTheme());
        HBox bar = new HBox(12, title, spring, theme);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 12, 8, 12));
        bar.getStyleClass().add("room-header");
        return bar;
    }

    private Node startupPane() {
        Label step = new Label();
        step.textProperty().bind(model.startupStepProperty());
        step.setWrapText(true);
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(model.startupProgressProperty());
        progress.setPrefWidth(360);
        progress.visibleProperty().bind(model.phaseProperty().isNotEqualTo(MainViewModel.Phase.FAILED));
        VBox box = new VBox(12, step, progress);
        box.setId("startup");
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(520);
        return new StackPane(box);
    }

    private Node statusBar() {
        Label gateway = new Label();
        gateway.setId("status-gateway");
        gateway.setMinWidth(Region.USE_PREF_SIZE);
        gateway.textProperty().bind(model.phaseProperty().map(p -> switch (p) {
            case STARTING -> "Starting…";
            case FAILED -> "Not running";
            case READY -> "Gateway " + model.gatewayAddressProperty().get();
        }));
        Label hint = new Label();
        hint.setId("status-hint");
        hint.textProperty().bind(model.connectHintProperty());
        hint.getStyleClass().add("text-muted");
        HBox bar = new HBox(16, gateway, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 12, 4, 12));
        bar.getStyleClass().add("room-status-bar");
        return bar;
    }
}
