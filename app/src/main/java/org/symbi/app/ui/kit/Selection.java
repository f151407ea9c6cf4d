package org.symbi.app.ui.kit;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * What the person has selected across views (an agent on the topology, a task in the task list): the
 * reasoning-trace side panel follows it. One small shared model instead of views talking to each other.
 */
public final class Selection {
    /** An agent, or a task, by id. */
    public record Target(Kind kind, String id) {
        public enum Kind { AGENT, TASK }

        public static Target agent(String id) {
            return new Target(Kind.AGENT, id);
        }

        public static Target task(String id) {
            return new Target(Kind.TASK, id);
        }
    }

    private final ReadOnlyObjectWrapper<Target> selected = new ReadOnlyObjectWrapper<>();

    public ReadOnlyObjectProperty<Target> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public Target selected() {
        return selected.get();
    }

    public void select(Target target) {
        selected.set(target);
    }
}
