package org.symbi.app.ui.metrics;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * The metrics view: the system's current values and charts, each agent's model usage, then one agent's
 * values and charts, chosen from a list or the model usage table. The window (last 15 minutes, hour or day)
 * applies to every chart.
 */
public final class MetricsView extends BorderPane {
    private static final int CHARTS_PER_ROW = 2;

    public MetricsView(MetricsViewModel model) {
        getStyleClass().add("metrics-view");
        setTop(header(model));
        VBox sections = new VBox(16, systemSection(model), modelUsageSection(model), agentSection(model));
        sections.setPadding(new Insets(12));
        ScrollPane scroll = new ScrollPane(sections);
        scroll.setFitToWidth(true);
        setCenter(scroll);
    }

    private static Node header(MetricsViewModel model) {
        Label title = new Label("Metrics");
        title.getStyleClass().add("title-3");
        Label problem = new Label();
        problem.setId("metrics-problem");
        problem.getStyleClass().add("metrics-problem");
        problem.textProperty().bind(model.problemProperty());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        ComboBox<TimeWindow> window = new ComboBox<>();
        window.setId("metrics-window");
        window.getItems().setAll(TimeWindow.values());
        window.valueProperty().bindBidirectional(model.windowProperty());
        HBox bar = new HBox(12, title, problem, spring, new Label("Window"), window);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 12, 8, 12));
        return bar;
    }

    private static Node systemSection(MetricsViewModel model) {
        Label heading = new Label("System");
        heading.getStyleClass().add("title-4");
        return new VBox(8, heading, tiles("system-tiles", model.systemTiles()),
                charts("system-charts", model.systemCharts()));
    }

    private static Node modelUsageSection(MetricsViewModel model) {
        Label heading = new Label("Model usage");
        heading.getStyleClass().add("title-4");
        Label note = new Label("Per agent, since the room's database was created. Costs are estimates from a price"
                + " table; calls of an unknown price are counted apart.");
        note.getStyleClass().add("text-muted");
        note.setWrapText(true);
        return new VBox(8, heading, note, new ModelUsageTable(model));
    }

    private static Node agentSection(MetricsViewModel model) {
        Label heading = new Label("Agent");
        heading.getStyleClass().add("title-4");
        ComboBox<String> agent = new ComboBox<>(model.agents());
        agent.setId("metrics-agent");
        agent.setPromptText("Choose an agent");
        agent.valueProperty().bindBidirectional(model.agentProperty());
        HBox chooser = new HBox(12, heading, agent);
        chooser.setAlignment(Pos.CENTER_LEFT);
        Label hint = new Label("Choose an agent to see its metrics over the window.");
        hint.getStyleClass().add("text-muted");
        hint.visibleProperty().bind(model.agentProperty().isNull());
        hint.managedProperty().bind(hint.visibleProperty());
        Node tiles = tiles("agent-tiles", model.agentTiles());
        Node charts = charts("agent-charts", model.agentCharts());
        for (Node shownForAnAgent : List.of(tiles, charts)) {
            shownForAnAgent.visibleProperty().bind(model.agentProperty().isNotNull());
            shownForAnAgent.managedProperty().bind(shownForAnAgent.visibleProperty());
        }
        return new VBox(8, chooser, hint, tiles, charts);
    }

    private static Node tiles(String id, List<? extends MetricTile<?>> tiles) {
        FlowPane pane = new FlowPane(8, 8);
        pane.setId(id);
        for (MetricTile<?> tile : tiles) {
            Label value = new Label();
            value.getStyleClass().add("metric-tile-value");
            value.textProperty().bind(tile.valueProperty());
            Label caption = new Label(tile.label());
            caption.getStyleClass().add("text-muted");
            VBox box = new VBox(2, value, caption);
            box.getStyleClass().add("metric-tile");
            pane.getChildren().add(box);
        }
        return pane;
    }

    private static Node charts(String id, List<? extends MetricChart<?>> charts) {
        GridPane grid = new GridPane(12, 12);
        grid.setId(id);
        for (int column = 0; column < CHARTS_PER_ROW; column++) {
            ColumnConstraints half = new ColumnConstraints();
            half.setPercentWidth(100.0 / CHARTS_PER_ROW);
            grid.getColumnConstraints().add(half);
        }
        for (int i = 0; i < charts.size(); i++) {
            TimeSeriesChart chart = new TimeSeriesChart(charts.get(i));
            grid.add(chart, i % CHARTS_PER_ROW, i / CHARTS_PER_ROW);
        }
        return grid;
    }
}
