package org.symbi.app.ui.agents;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.kit.Command;
import org.symbi.governance.AgentToken;
import org.symbi.governance.AgentTokens;
import org.symbi.kernel.registry.AgentRegistry;
import org.symbi.kernel.registry.AgentView;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.Tier;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * How agents get into the room from outside it: a token for an agent that dials in (its grant and a
 * one-time token), or a declared address for an agent that runs its own WebSocket server, which the room
 * then dials (docs/protocol/README.md, "Dial-out").
 */
public final class AgentAccessViewModel {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** The agent type of agents declared here, until they register their own card over the connection. */
    static final String REMOTE_TYPE = "remote";

    private final RoomContext context;
    private final StringProperty tokenAgentId = new SimpleStringProperty("");
    private final StringProperty tokenCapabilities = new SimpleStringProperty("");
    private final StringProperty tokenRepositories = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper token = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper tokenNote = new ReadOnlyStringWrapper("");
    private final StringProperty remoteUrl = new SimpleStringProperty("");
    private final StringProperty remoteAgentId = new SimpleStringProperty("");
    private final StringProperty remoteCapabilities = new SimpleStringProperty("");
    private final SimpleBooleanProperty busy = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper info = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final Command issueToken;
    private final Command connectRemote;

    public AgentAccessViewModel(RoomContext context) {
        this.context = context;
        issueToken = Command.of(this::issueToken, busy.not());
        connectRemote = Command.of(this::connectRemote, busy.not());
    }

    private record Issued(String token, AgentToken claims) {
    }

    private void issueToken() {
        String id = tokenAgentId.get().strip();
        if (refused(agentIdProblem(id))) {
            return;
        }
        Set<String> caps = names(tokenCapabilities.get());
        Set<String> repos = names(tokenRepositories.get());
        token.set("");
        tokenNote.set("");
        run(() -> {
            if (context.room().localAgents().find(id).isPresent()) {
                throw new IllegalArgumentException(id + " is run by the room, which issues its tokens itself");
            }
            AgentTokens tokens = context.room().tokens();
            tokens.grant(id, caps, repos);
            String issued = tokens.issue(id, caps, repos);
            return new Issued(issued, tokens.verify(issued));
        }, issued -> {
            AgentToken t = issued.claims();
            token.set(issued.token());
            long minutes = Duration.between(t.issuedAt(), t.expiresAt()).toMinutes();
            tokenNote.set("For " + t.agentId() + ", valid until "
                    + CLOCK.format(t.expiresAt().atZone(ZoneId.systemDefault())) + " (" + minutes + " minutes) and "
                    + "accepted once: connect with it to " + context.room().gateway().address()
                    + "; the agent then trades it for fresh ones itself.");
            info.set("Granted " + t.agentId() + " " + describe(caps, "no capabilities") + " and "
                    + describe(repos, "no repositories") + ", and issued a token.");
        });
    }

    private void connectRemote() {
        String id = remoteAgentId.get().strip();
        URI address;
        try {
            address = dialOutAddress(remoteUrl.get());
        } catch (IllegalArgumentException e) {
            refused(e.getMessage());
            return;
        }
        if (refused(agentIdProblem(id))) {
            return;
        }
        List<String> caps = List.copyOf(names(remoteCapabilities.get()));
        run(() -> declareRemote(id, address, caps), declared -> info.set("The room now dials " + id + " at "
                + address + ". If the agent does not answer, it goes offline and the room keeps trying."));
    }

    /** Registers the agent's card with its address; the room's dial-out follows the registry from there. */
    private AgentView declareRemote(String id, URI address, List<String> caps) {
        AgentRegistry registry = context.kernel().registry();
        AgentCard old = registry.find(id).map(AgentView::card).orElse(null);
        if (context.room().gateway().connectedAgents().contains(id) || old != null && old.endpoint() == null) {
            throw new IllegalArgumentException(id + " is already registered and connects to the room itself; "
                    + "choose another id for an agent the room dials");
        }
        AgentCard card = old == null
                ? new AgentCard(id, REMOTE_TYPE, Tier.WORKER, caps, null, address.toString(), null, null, null, 1)
                : new AgentCard(id, old.agentType(), old.tier(), caps, old.repository(), address.toString(),
                old.webhookUrl(), old.version(), old.model(), old.maxConcurrentTasks());
        return registry.register(card);
    }

    /**
     * The address of an agent's own WebSocket server, or a message saying what is wrong with it: the room
     * dials only {@code ws://} and {@code wss://} addresses with a host and no fragment.
     */
    static URI dialOutAddress(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("Enter the agent's WebSocket address, e.g. ws://10.0.0.5:9000/agent");
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + s + "' is not a URL: " + e.getReason(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("The address must start with ws:// or wss:// (the agent's own "
                    + "WebSocket server), not '" + s + "'");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("The address '" + s + "' names no host");
        }
        if (uri.getFragment() != null) {
            throw new IllegalArgumentException("A WebSocket address has no #fragment: '" + s + "'");
        }
        return uri;
    }

    private static String agentIdProblem(String id) {
        if (id.isEmpty()) {
            return "Enter the agent's id";
        }
        if (!AgentRegistry.AGENT_ID.matcher(id).matches()) {
            return "'" + id + "' is not an agent id: 1 to 128 letters, digits, '.', '_', ':', '@' or '-'";
        }
        if (Envelope.ORCHESTRATOR.equals(id)) {
            return "'" + id + "' is the room's own id";
        }
        return null;
    }

    /** Names typed as a list: separated by commas or spaces. */
    static Set<String> names(String text) {
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(text == null ? new String[0] : text.split("[,\\s]+"))
                .filter(n -> !n.isEmpty()).forEach(out::add);
        return out;
    }

    private static String describe(Set<String> names, String none) {
        return names.isEmpty() ? none : String.join(", ", names);
    }

    /** Shows a problem found before anything ran; true when there was one. */
    private boolean refused(String problem) {
        if (problem == null) {
            return false;
        }
        info.set("");
        error.set(problem);
        return true;
    }

    private <T> void run(Callable<T> work, Consumer<T> done) {
        busy.set(true);
        info.set("");
        error.set("");
        context.feed().submit(work, result -> {
            busy.set(false);
            done.accept(result);
        }, t -> {
            busy.set(false);
            error.set(t.getMessage() == null ? t.toString() : t.getMessage());
        });
    }

    public StringProperty tokenAgentIdProperty() {
        return tokenAgentId;
    }

    public StringProperty tokenCapabilitiesProperty() {
        return tokenCapabilities;
    }

    public StringProperty tokenRepositoriesProperty() {
        return tokenRepositories;
    }

    /** The last token issued, to copy; empty until one is. */
    public ReadOnlyStringProperty tokenProperty() {
        return token.getReadOnlyProperty();
    }

    /** For whom the token is, until when, and how it is used. */
    public ReadOnlyStringProperty tokenNoteProperty() {
        return tokenNote.getReadOnlyProperty();
    }

    public StringProperty remoteUrlProperty() {
        return remoteUrl;
    }

    public StringProperty remoteAgentIdProperty() {
        return remoteAgentId;
    }

    public StringProperty remoteCapabilitiesProperty() {
        return remoteCapabilities;
    }

    public Command issueTokenCommand() {
        return issueToken;
    }

    public Command connectRemoteCommand() {
        return connectRemote;
    }

    public ReadOnlyStringProperty infoProperty() {
        return info.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
