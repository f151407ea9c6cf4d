package org.symbi.app.ui.topology;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.symbi.app.ui.kit.Command;
import org.symbi.app.ui.kit.Forms;

/**
 * The topology: a live graph of the agents around the orchestrator, with search, grouping and zoom above
 * it and the selected agent and the legend below.
 */
public final class TopologyView extends BorderPane {
    private final GraphPane graph;

    public TopologyView(TopologyViewModel model) {
        getStyleClass().add("topology-view");
        Legend legend = new Legend();
        graph = new GraphPane(model, legend);
        setTop(toolbar(model));
        setCenter(graph);
        Label selected = new Label();
        selected.setId("topology-selected");
        selected.textProperty().bind(model.selectedSummaryProperty().map(s -> s.isEmpty()
                ? "Click an agent to select it; drag to pan, scroll to zoom" : s));
        VBox bottom = new VBox(6, selected, legend);
        bottom.setPadding(new Insets(6, 12, 8, 12));
        bottom.getStyleClass().add("topology-footer");
        setBottom(bottom);
    }

    private static Node toolbar(TopologyViewModel model) {
        TextField search = new TextField();
        search.setId("topology-search");
        search.setPromptText("Find an agent by id");
        search.setPrefColumnCount(18);
        search.textProperty().addListener((obs, was, text) -> model.search().find(text));
        search.setOnAction(e -> model.search().next());
        Label found = new Label();
        found.setId("topology-search-result");
        found.getStyleClass().add("text-muted");
        found.textProperty().bind(model.search().resultProperty());

        ToggleGroup grouping = new ToggleGroup();
        ToggleButton byTier = groupingButton("By tier", "topology-by-tier", Styles.LEFT_PILL, grouping,
                model.grouping().byTier(), model, TopologyGrouping.Mode.TIER);
        ToggleButton byRepository = groupingButton("By repository", "topology-by-repository", Styles.RIGHT_PILL,
                grouping, model.grouping().byRepository(), model, TopologyGrouping.Mode.REPOSITORY);

        Label status = new Label();
        status.setId("topology-status");
        status.getStyleClass().add("text-muted");
        status.textProperty().bind(model.statusProperty());
        status.setMinWidth(0);
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox bar = new HBox(8, search, found, spring, status, byTier, byRepository,
                Forms.button("topology-zoom-out", "−", model.zoomOut()), Forms.button("topology-zoom-in", "+", model.zoomIn()),
                Forms.button("topology-fit", "Fit", model.fit()));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 12, 8, 12));
        bar.getStyleClass().add("topology-toolbar");
        return bar;
    }

    private static ToggleButton groupingButton(String text, String id, String pill, ToggleGroup group, Command command,
                                               TopologyViewModel model, TopologyGrouping.Mode mode) {
        ToggleButton b = new ToggleButton(text);
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.getStyleClass().add(pill);
        b.setToggleGroup(group);
        b.setSelected(model.grouping().mode() == mode);
        model.grouping().modeProperty().addListener((obs, was, now) -> b.setSelected(now == mode));
        // A pressed toggle stays pressed: clicking the chosen grouping again keeps it.
        b.setOnAction(e -> {
            command.execute();
            b.setSelected(model.grouping().mode() == mode);
        });
        return b;
    }

    /** Agent nodes in the graph now (one per agent). */
    public int agentNodeCount() {
        return graph.agentNodeCount();
    }
}
