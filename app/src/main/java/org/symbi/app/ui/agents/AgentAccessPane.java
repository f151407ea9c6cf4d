package org.symbi.app.ui.agents;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.symbi.app.ui.kit.Forms;

/** Letting an agent in: a token for one that connects to the room, or the address of one the room dials. */
final class AgentAccessPane extends ScrollPane {
    AgentAccessPane(AgentAccessViewModel model) {
        setId("agent-access");
        setFitToWidth(true);
        setPrefWidth(320);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        VBox box = new VBox(10, tokenForm(model), remoteForm(model),
                Forms.feedback("access", model.infoProperty(), model.errorProperty()));
        box.setPadding(new Insets(8));
        setContent(box);
    }

    private static TitledPane tokenForm(AgentAccessViewModel model) {
        TextField token = new TextField();
        token.setId("issued-token");
        token.setEditable(false);
        token.setPromptText("The token appears here");
        token.textProperty().bind(model.tokenProperty());
        Button copy = new Button("Copy");
        copy.setId("copy-token");
        copy.disableProperty().bind(model.tokenProperty().isEmpty());
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.tokenProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
        });
        HBox.setHgrow(token, Priority.ALWAYS);
        Label note = wrapped("");
        note.setId("token-note");
        note.textProperty().bind(model.tokenNoteProperty());
        VBox form = new VBox(6,
                wrapped("Grants an agent id these capabilities and repositories (replacing an earlier grant) "
                        + "and issues a token it connects with."),
                Forms.field("token-agent-id", "Agent id", model.tokenAgentIdProperty()),
                Forms.field("token-capabilities", "Capabilities, comma-separated", model.tokenCapabilitiesProperty()),
                Forms.field("token-repositories", "Repositories, comma-separated", model.tokenRepositoriesProperty()),
                Forms.button("issue-token", "Issue token", model.issueTokenCommand()),
                new HBox(6, token, copy), note);
        return titled("Issue a token", form);
    }

    private static TitledPane remoteForm(AgentAccessViewModel model) {
        VBox form = new VBox(6,
                wrapped("For an agent that runs its own WebSocket server: the room dials it, signs the handshake "
                        + "with its key, and dials again whenever the connection drops."),
                Forms.field("remote-url", "ws://host:port/path", model.remoteUrlProperty()),
                Forms.field("remote-agent-id", "Agent id", model.remoteAgentIdProperty()),
                Forms.field("remote-capabilities", "Capabilities, comma-separated", model.remoteCapabilitiesProperty()),
                Forms.button("connect-remote", "Connect", model.connectRemoteCommand()));
        return titled("Connect to a remote agent", form);
    }

    private static TitledPane titled(String title, VBox content) {
        TitledPane pane = new TitledPane(title, content);
        pane.setCollapsible(false);
        return pane;
    }

    private static Label wrapped(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("text-muted");
        return l;
    }
}
