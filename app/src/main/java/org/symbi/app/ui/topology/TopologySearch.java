package org.symbi.app.ui.topology;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finding agents by id: every agent whose id contains the text is highlighted, the best match (the exact
 * id, else the first id starting with the text, else the first containing it) is centred, and
 * {@link #next()} steps through the others.
 */
public final class TopologySearch {
    private final List<AgentItem> agents;
    private final Viewport viewport;
    private final double focusZoom;
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<AgentItem> current = new ReadOnlyObjectWrapper<>();
    private List<AgentItem> matches = List.of();
    private int cursor;

    TopologySearch(List<AgentItem> agents, Viewport viewport, double focusZoom) {
        this.agents = agents;
        this.viewport = viewport;
        this.focusZoom = focusZoom;
    }

    /** Highlights the agents whose id contains {@code text} (any case) and centres the best one. */
    public void find(String text) {
        matches.forEach(a -> a.matched(false));
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        cursor = 0;
        if (wanted.isEmpty()) {
            matches = List.of();
            current.set(null);
            result.set("");
            return;
        }
        matches = agents.stream()
                .filter(a -> a.id().toLowerCase(Locale.ROOT).contains(wanted))
                .sorted(Comparator.comparingInt((AgentItem a) -> rank(a, wanted)).thenComparing(AgentItem::id))
                .toList();
        matches.forEach(a -> a.matched(true));
        if (matches.isEmpty()) {
            current.set(null);
            result.set("No agent's id contains “" + text.strip() + "”");
            return;
        }
        focus();
    }

    /** Centres the next match (after the last, the first again). */
    public void next() {
        if (!matches.isEmpty()) {
            cursor = (cursor + 1) % matches.size();
            focus();
        }
    }

    private void focus() {
        AgentItem a = matches.get(cursor);
        current.set(a);
        viewport.centreOn(a.x(), a.y(), focusZoom);
        result.set(matches.size() == 1 ? "1 match" : (cursor + 1) + " of " + matches.size() + " matches");
    }

    private static int rank(AgentItem a, String wanted) {
        String id = a.id().toLowerCase(Locale.ROOT);
        return id.equals(wanted) ? 0 : id.startsWith(wanted) ? 1 : 2;
    }

    /** What the search found, for the person: "3 of 12 matches", or why nothing was found. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The match shown now, or null. */
    public ReadOnlyObjectProperty<AgentItem> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public List<AgentItem> matches() {
        return matches;
    }
}
