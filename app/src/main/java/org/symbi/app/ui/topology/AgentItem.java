package org.symbi.app.ui.topology;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.AgentStatus;
import org.symbi.protocol.Tier;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One agent on the topology: what the registry says about it, where the layout put it, and how it is
 * marked (selected, matching the search, holding locks, in a conflict). Its node listens to these
 * properties and is restyled only when one of them changes.
 */
public final class AgentItem {
    static final String NO_REPOSITORY = "no repository";

    private final String id;
    private int index;
    private AgentCard card;
    private final ReadOnlyObjectWrapper<AgentStatus> status = new ReadOnlyObjectWrapper<>(AgentStatus.AVAILABLE);
    private final ReadOnlyDoubleWrapper load = new ReadOnlyDoubleWrapper();
    private final ReadOnlyIntegerWrapper activeTasks = new ReadOnlyIntegerWrapper();
    private final ReadOnlyDoubleWrapper x = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper y = new ReadOnlyDoubleWrapper();
    private final ReadOnlyBooleanWrapper selected = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper matched = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper inConflict = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper locksHeld = new ReadOnlyIntegerWrapper();
    private final Set<String> lockedResources = new TreeSet<>();

    AgentItem(AgentCard card, int index) {
        this.id = card.agentId();
        this.card = card;
        this.index = index;
    }

    public String id() {
        return id;
    }

    /** Position in the view model's list, and the agent's row in {@link FlowPulses}. */
    int index() {
        return index;
    }

    void index(int newIndex) {
        index = newIndex;
    }

    public Tier tier() {
        return card.tier();
    }

    public String repository() {
        String r = card.repository();
        return r == null || r.isBlank() ? NO_REPOSITORY : r;
    }

    void card(AgentCard newCard) {
        card = newCard;
    }

    void moveTo(double newX, double newY) {
        x.set(newX);
        y.set(newY);
    }

    void status(AgentStatus newStatus) {
        status.set(newStatus);
    }

    void load(double newLoad, int tasks) {
        load.set(Math.max(0, Math.min(1, newLoad)));
        activeTasks.set(tasks);
    }

    void selected(boolean value) {
        selected.set(value);
    }

    void matched(boolean value) {
        matched.set(value);
    }

    void inConflict(boolean value) {
        inConflict.set(value);
    }

    void lockAcquired(String resource) {
        lockedResources.add(resource);
        locksHeld.set(lockedResources.size());
    }

    void lockReleased(String resource) {
        lockedResources.remove(resource);
        locksHeld.set(lockedResources.size());
    }

    void locksCleared() {
        lockedResources.clear();
        locksHeld.set(0);
    }

    /** One line about the agent: who, where, how it is doing, what it holds. */
    public String describe() {
        StringBuilder s = new StringBuilder(id).append(" · ").append(tier().wire()).append(" · ").append(repository())
                .append(" · ").append(status().wire()).append(" · load ").append(Math.round(load() * 100))
                .append(" % · ").append(activeTasks()).append(activeTasks() == 1 ? " task" : " tasks");
        if (locksHeld() > 0) {
            s.append(" · locks ").append(String.join(", ", lockedResources));
        }
        if (isInConflict()) {
            s.append(" · in conflict");
        }
        return s.toString();
    }

    /** The resources this agent holds locks on, by name. */
    public List<String> lockedResources() {
        return List.copyOf(lockedResources);
    }

    public double x() {
        return x.get();
    }

    public double y() {
        return y.get();
    }

    public ReadOnlyDoubleProperty xProperty() {
        return x.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty yProperty() {
        return y.getReadOnlyProperty();
    }

    public AgentStatus status() {
        return status.get();
    }

    public ReadOnlyObjectProperty<AgentStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public double load() {
        return load.get();
    }

    public ReadOnlyDoubleProperty loadProperty() {
        return load.getReadOnlyProperty();
    }

    public int activeTasks() {
        return activeTasks.get();
    }

    public ReadOnlyIntegerProperty activeTasksProperty() {
        return activeTasks.getReadOnlyProperty();
    }

    public boolean isSelected() {
        return selected.get();
    }

    public ReadOnlyBooleanProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public boolean isMatched() {
        return matched.get();
    }

    public ReadOnlyBooleanProperty matchedProperty() {
        return matched.getReadOnlyProperty();
    }

    public boolean isInConflict() {
        return inConflict.get();
    }

    public ReadOnlyBooleanProperty inConflictProperty() {
        return inConflict.getReadOnlyProperty();
    }

    public int locksHeld() {
        return locksHeld.get();
    }

    public ReadOnlyIntegerProperty locksHeldProperty() {
        return locksHeld.getReadOnlyProperty();
    }
}
