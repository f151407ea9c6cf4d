package org.symbi.app.ui.topology;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.symbi.kernel.lock.Conflict;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The conflicts still open, as dashed links from the agent that held the resource to each other agent
 * involved; the agents in one are marked.
 */
public final class OpenConflicts {
    /** One dashed link: {@code first} held the resource when the conflict was raised (if anyone did). */
    public record Link(String conflictId, String resource, AgentItem first, AgentItem other) {
    }

    private record Open(String resource, List<String> agents) {
    }

    private final Map<String, Open> open = new LinkedHashMap<>();
    private final ObservableList<Link> links = FXCollections.observableArrayList();
    private final ObservableList<Link> linksView = FXCollections.unmodifiableObservableList(links);

    void replaceAll(List<Conflict> conflicts) {
        open.clear();
        conflicts.forEach(c -> opened(c.conflictId(), c.resource(), c.involvedAgents()));
    }

    void opened(String conflictId, String resource, List<String> agents) {
        open.put(conflictId, new Open(resource, List.copyOf(agents)));
    }

    /** True if the conflict was open. */
    boolean resolved(String conflictId) {
        return open.remove(conflictId) != null;
    }

    /** Links the agents of each open conflict that the topology knows, and marks every agent in or out of one. */
    void link(Map<String, AgentItem> agents) {
        List<Link> now = new ArrayList<>();
        Set<AgentItem> involved = new HashSet<>();
        open.forEach((id, c) -> {
            List<AgentItem> items = c.agents().stream().map(agents::get).filter(Objects::nonNull).toList();
            involved.addAll(items);
            for (int i = 1; i < items.size(); i++) {
                now.add(new Link(id, c.resource(), items.getFirst(), items.get(i)));
            }
        });
        agents.values().forEach(a -> a.inConflict(involved.contains(a)));
        if (!now.equals(links)) {
            links.setAll(now);
        }
    }

    public ObservableList<Link> links() {
        return linksView;
    }
}
