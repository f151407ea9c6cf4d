package org.symbi.app.ui.queues;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.symbi.app.ui.kit.KeptSelection;
import org.symbi.protocol.Priority;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import static javafx.scene.layout.Priority.ALWAYS;

/**
 * The bus at a glance: the room's four lanes as bars and the message rate on top; every inbox in a table
 * with its lanes as bars; below it what waits in each lane of the chosen agent and what it is processing;
 * the dead letters at the bottom.
 */
public final class QueuesView extends BorderPane {
    private static final double ROOM_BAR_WIDTH = 180;
    private static final double AGENT_BAR_WIDTH = 70;

    private final QueuesViewModel model;

    public QueuesView(QueuesViewModel model) {
        this.model = model;
        setId("queues");
        getStyleClass().add("queues-view");
        setTop(summary());
        SplitPane body = new SplitPane(agentTable(), selectedAgentLanes(), new DeadLettersPane(model));
        body.setOrientation(Orientation.VERTICAL);
        body.setDividerPositions(0.3, 0.62);
        setCenter(body);
    }

    private Node summary() {
        Label title = new Label("Queues");
        title.getStyleClass().add("title-3");
        Label rate = new Label();
        rate.setId("queues-rate");
        rate.textProperty().bind(model.messagesPerSecondProperty().map(r ->
                String.format(Locale.ROOT, "%.1f msg/s", r.doubleValue())));
        Label processing = new Label();
        processing.setId("queues-processing");
        processing.textProperty().bind(model.roomProcessingProperty().map(n -> n + " being processed"));
        Region spring = new Region();
        HBox.setHgrow(spring, ALWAYS);
        HBox heading = new HBox(16, title, spring, processing, rate);
        heading.setAlignment(Pos.CENTER_LEFT);

        HBox lanes = new HBox(24);
        lanes.setId("queues-room-lanes");
        List<LaneBar> bars = new ArrayList<>();
        for (Priority lane : Priority.values()) {
            LaneBar bar = new LaneBar(ROOM_BAR_WIDTH);
            bar.setId("room-lane-" + lane.wire());
            bars.add(bar);
            Label name = new Label(laneName(lane));
            name.getStyleClass().add("text-muted");
            lanes.getChildren().add(new VBox(2, name, bar));
        }
        Runnable show = () -> {
            ObservableList<LaneDepth> depths = model.roomLanes();
            for (int i = 0; i < bars.size(); i++) {
                bars.get(i).show(i < depths.size() ? depths.get(i) : null);
            }
        };
        model.roomLanes().addListener((ListChangeListener<LaneDepth>) c -> show.run());
        show.run();
        VBox box = new VBox(8, heading, lanes);
        box.setPadding(new Insets(8, 12, 8, 12));
        return box;
    }

    static String laneName(Priority lane) {
        String wire = lane.wire();
        return Character.toUpperCase(wire.charAt(0)) + wire.substring(1);
    }

    private Node agentTable() {
        KeptSelection<AgentQueue, String> kept = new KeptSelection<>(model.agents(), AgentQueue::agentId,
                model.selectedAgentProperty());
        TableView<AgentQueue> table = new TableView<>(model.agents());
        table.setId("queues-agents");
        table.setPlaceholder(new Label("No inbox yet: agents get one when they register or are sent a message"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Agent", AgentQueue::agentId));
        for (Priority lane : Priority.values()) {
            TableColumn<AgentQueue, LaneDepth> c = new TableColumn<>(laneName(lane));
            c.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().lanes().get(lane.lane())));
            c.setCellFactory(col -> new TableCell<>() {
                private final LaneBar bar = new LaneBar(AGENT_BAR_WIDTH);

                @Override
                protected void updateItem(LaneDepth depth, boolean empty) {
                    super.updateItem(depth, empty);
                    setGraphic(empty || depth == null ? null : bar);
                    bar.show(empty ? null : depth);
                }
            });
            c.setPrefWidth(AGENT_BAR_WIDTH + 60);
            table.getColumns().add(c);
        }
        table.getColumns().add(column("Processing", a -> String.valueOf(a.processing())));
        table.getColumns().add(column("Delivery", a -> a.attached() ? "connected" : "waits for the agent"));
        kept.attach(table.getSelectionModel(), row -> model.showAgent(row.agentId()));
        return table;
    }

    static <T> TableColumn<T, String> column(String title, Function<T, String> text) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(text.apply(row.getValue())));
        return c;
    }

    private Node selectedAgentLanes() {
        Label heading = new Label();
        heading.getStyleClass().add("title-4");
        heading.textProperty().bind(model.selectedAgentProperty().map(a -> "Inbox of " + a).orElse("No agent chosen"));
        TabPane lanes = new TabPane();
        lanes.setId("queues-lanes");
        lanes.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        for (Priority lane : Priority.values()) {
            ObservableList<WaitingMessage> items = model.waiting(lane);
            TableView<WaitingMessage> table = new TableView<>(items);
            table.setId("lane-" + lane.wire());
            table.setPlaceholder(new Label("Nothing waits in this lane"));
            table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
            table.getColumns().add(column("Message", WaitingMessage::messageId));
            table.getColumns().add(column("From", WaitingMessage::sender));
            table.getColumns().add(column("Type", WaitingMessage::type));
            table.getColumns().add(column("Waiting", m -> age(m.ageMillis())));
            table.getColumns().add(column("Payload", WaitingMessage::payload));
            Tab tab = new Tab(null, table);
            // The depth counts messages kept on disk too; the table lists those held in memory, oldest first.
            tab.textProperty().bind(Bindings.size(items).map(n -> laneName(lane) + " · " + n
                    + (n.intValue() >= QueuesViewModel.PEEK_LIMIT ? "+" : "")));
            lanes.getTabs().add(tab);
        }
        TableView<InFlightMessage> processing = new TableView<>(model.processing());
        processing.setId("lane-processing");
        processing.placeholderProperty().bind(model.processingCountProperty().map(n -> new Label(n.intValue() == 0
                ? "Nothing delivered and unacknowledged" : "Delivered before this view opened: counted, not listed")));
        processing.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        processing.getColumns().add(column("Message", InFlightMessage::messageId));
        processing.getColumns().add(column("Delivery", m -> String.valueOf(m.deliveryId())));
        processing.getColumns().add(column("Attempt", m -> String.valueOf(m.attempt())));
        processing.getColumns().add(column("Delivered", m -> age(m.ageMillis()) + " ago"));
        Tab processingTab = new Tab(null, processing);
        processingTab.textProperty().bind(model.processingCountProperty().map(n -> "Processing · " + n));
        lanes.getTabs().add(processingTab);
        VBox box = new VBox(6, heading, lanes);
        VBox.setVgrow(lanes, ALWAYS);
        box.setPadding(new Insets(8, 12, 8, 12));
        return box;
    }

    /** A short age for people: "<1 s", "42 s", "5 min", "3 h". */
    static String age(long millis) {
        long s = millis / 1000;
        if (s < 1) {
            return "<1 s";
        } else if (s < 120) {
            return s + " s";
        } else if (s < 7200) {
            return s / 60 + " min";
        }
        return s / 3600 + " h";
    }
}
