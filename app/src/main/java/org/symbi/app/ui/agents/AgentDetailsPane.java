package org.symbi.app.ui.agents;

import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import org.symbi.kernel.registry.AgentView;
import org.symbi.kernel.supervisor.LocalAgentView;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.ModelInfo;

import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Everything known of the selected agent: its card, its model, and for a local agent its process and log. */
final class AgentDetailsPane extends ScrollPane {
    private final GridPane grid = new GridPane();
    private int row;

    AgentDetailsPane(ObservableValue<AgentRow> selected) {
        setId("agent-details");
        getStyleClass().add("agent-details");
        setFitToWidth(true);
        grid.setHgap(12);
        grid.setVgap(4);
        grid.setPadding(new Insets(10, 12, 10, 12));
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(new ColumnConstraints(), values);
        setContent(grid);
        show(selected.getValue());
        selected.addListener((obs, was, now) -> show(now));
    }

    private void show(AgentRow agent) {
        grid.getChildren().clear();
        row = 0;
        if (agent == null) {
            grid.add(new Label("Select an agent to see its details."), 0, 0, 2, 1);
            return;
        }
        field("Agent", agent.agentId());
        AgentView v = agent.registered();
        if (v == null) {
            field("Registration", "not registered yet: the process has not connected to the room");
        } else {
            AgentCard card = v.card();
            field("Type", card.agentType());
            field("Tier", card.tier().wire());
            field("Status", v.status().wire());
            field("Load", Math.round(v.load() * 100) + " % (" + v.activeTasks() + " of " + card.maxConcurrentTasks()
                    + " tasks)");
            field("Capabilities", card.capabilities().isEmpty() ? "none" : String.join(", ", card.capabilities()));
            field("Repository", card.repository());
            field("Endpoint", card.endpoint());
            field("Webhook", card.webhookUrl());
            field("Version", card.version());
            field("Model", model(card.model()));
            field("Registered", AgentsView.time(v.registeredAt()));
            field("Last heartbeat", AgentsView.time(v.lastHeartbeat()));
        }
        LocalAgentView p = agent.local();
        if (p != null) {
            field("Started from", agent.template() == null ? p.templateId()
                    : agent.template().name() + " (" + p.templateId() + ")");
            field("Process", agent.processText());
            field("Restarts", Integer.toString(p.restarts()));
            field("Process started", AgentsView.time(p.startedAt()));
            field("Last exit status", p.lastExit() == null ? null : p.lastExit().toString());
            field("Why", p.detail());
            TextField log = new TextField(agent.logFile().toString());
            log.setId("agent-log-file");
            log.setEditable(false);
            grid.addRow(row++, name("Log file"), log);
        }
    }

    private static String model(ModelInfo m) {
        if (m == null) {
            return null;
        }
        return Stream.of(m.provider(), m.name(), m.version()).filter(Objects::nonNull).collect(Collectors.joining(" "));
    }

    /** One line of details; absent values are left out. */
    private void field(String name, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        Label v = new Label(value);
        v.setWrapText(true);
        grid.addRow(row++, name(name), v);
    }

    private static Label name(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("text-muted");
        return l;
    }
}
