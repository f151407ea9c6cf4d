package org.symbi.app.ui.agents;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.symbi.app.ui.kit.Forms;
import org.symbi.kernel.supervisor.AgentTemplate;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * The agents: a table of every agent with its status and load, the selected agent's details below it,
 * commands on local agents above it, and on the right how to let an agent in (a token, or a remote address).
 */
public final class AgentsView extends BorderPane {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final AgentsViewModel model;
    private final TableView<AgentRow> table;

    public AgentsView(AgentsViewModel model, AgentAccessViewModel access) {
        this.model = model;
        getStyleClass().add("agents-view");
        table = table();
        SplitPane main = new SplitPane(table, new AgentDetailsPane(model.selectedProperty()));
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(0.6);
        setTop(toolbar());
        setCenter(main);
        setRight(new AgentAccessPane(access));
    }

    private Node toolbar() {
        ComboBox<AgentTemplate> templates = new ComboBox<>(model.templates());
        templates.setId("agent-template");
        templates.setPromptText("No agent templates");
        templates.setCellFactory(list -> new TemplateCell());
        templates.setButtonCell(new TemplateCell());
        templates.valueProperty().bindBidirectional(model.templateProperty());
        Button start = Forms.button("agent-start", "Start local agent", model.startCommand());
        start.setTooltip(new Tooltip("Runs the template's command as a child process of the room, with a token "
                + "of its own; the room restarts it when it exits or goes silent."));
        Button stop = Forms.button("agent-stop", "Stop", model.stopCommand());
        Button restart = Forms.button("agent-restart", "Restart", model.restartCommand());
        restart.setTooltip(new Tooltip("Stops the selected local agent and starts a new one from the same "
                + "template, under a new id."));
        HBox bar = new HBox(8, templates, start, stop, restart);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, bar, Forms.feedback("agents", model.infoProperty(), model.errorProperty()));
        top.setPadding(new Insets(8, 12, 8, 12));
        return top;
    }

    private TableView<AgentRow> table() {
        TableView<AgentRow> t = new TableView<>(model.agents());
        t.setId("agents-table");
        t.setPlaceholder(new Label("No agents yet: start a local agent, or issue a token for one to connect"));
        t.getColumns().add(text("Agent", 150, AgentRow::agentId));
        t.getColumns().add(text("Type", 90, AgentRow::type));
        t.getColumns().add(text("Tier", 80, AgentRow::tier));
        t.getColumns().add(status());
        t.getColumns().add(text("Load", 60, r -> r.isRegistered() ? Math.round(r.load() * 100) + " %" : ""));
        t.getColumns().add(text("Capabilities", 130, r -> String.join(", ", r.capabilities())));
        t.getColumns().add(text("Repository", 100, AgentRow::repository));
        t.getColumns().add(text("Endpoint", 160, AgentRow::endpoint));
        t.getColumns().add(text("Last heartbeat", 150, r -> r.isRegistered() ? time(r.registered().lastHeartbeat()) : ""));
        t.getColumns().add(text("Local process", 140, AgentRow::processText));
        t.getSelectionModel().selectedItemProperty().addListener((obs, was, row) -> {
            if (row != null) {
                model.select(row.agentId());
            }
        });
        // The row objects are replaced as agents change; keep the table on the selected agent.
        model.selectedProperty().addListener((obs, was, row) -> {
            AgentRow shown = t.getSelectionModel().getSelectedItem();
            if (row != null && shown != row) {
                t.getSelectionModel().select(row);
            }
        });
        return t;
    }

    private static TableColumn<AgentRow, String> text(String title, double width, Function<AgentRow, String> value) {
        TableColumn<AgentRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }

    private static TableColumn<AgentRow, AgentRow> status() {
        TableColumn<AgentRow, AgentRow> c = new TableColumn<>("Status");
        c.setPrefWidth(120);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            private final Circle dot = new Circle(5);

            @Override
            protected void updateItem(AgentRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(row.statusText());
                dot.getStyleClass().setAll(row.status() == null ? "status-unregistered"
                        : "status-" + row.status().wire());
                setGraphic(dot);
            }
        });
        return c;
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    private static final class TemplateCell extends ListCell<AgentTemplate> {
        @Override
        protected void updateItem(AgentTemplate t, boolean empty) {
            super.updateItem(t, empty);
            setText(empty || t == null ? null : t.name() + " (" + t.id() + ")");
        }
    }
}
