package org.symbi.app.ui.topology;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.symbi.app.ui.kit.Command;
import org.symbi.protocol.Tier;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How the topology groups its agents into sectors: by tier (manager first) or by repository (by name). */
public final class TopologyGrouping {
    public enum Mode { TIER, REPOSITORY }

    private final ReadOnlyObjectWrapper<Mode> mode = new ReadOnlyObjectWrapper<>(Mode.TIER);
    private final Runnable regroup;
    private final Command byTier;
    private final Command byRepository;

    /** @param regroup lays the agents out again after the mode changed */
    TopologyGrouping(Runnable regroup) {
        this.regroup = regroup;
        this.byTier = Command.of(() -> use(Mode.TIER), mode.isNotEqualTo(Mode.TIER));
        this.byRepository = Command.of(() -> use(Mode.REPOSITORY), mode.isNotEqualTo(Mode.REPOSITORY));
    }

    private void use(Mode newMode) {
        mode.set(newMode);
        regroup.run();
    }

    /** The name of the group an agent belongs to now. */
    String keyOf(AgentItem a) {
        return switch (mode.get()) {
            case TIER -> a.tier().wire();
            case REPOSITORY -> a.repository();
        };
    }

    /** The groups in display order, each with its agents' ids in id order. */
    List<TopologyLayout.Group> groups(Collection<AgentItem> agents) {
        List<AgentItem> sorted = agents.stream().sorted(Comparator.comparing(AgentItem::id)).toList();
        Map<String, List<String>> byKey = new TreeMap<>(order());
        for (AgentItem a : sorted) {
            byKey.computeIfAbsent(keyOf(a), k -> new ArrayList<>()).add(a.id());
        }
        return byKey.entrySet().stream().map(e -> new TopologyLayout.Group(e.getKey(), e.getValue())).toList();
    }

    /** Tiers from manager to monitor; repositories by name, agents without one last. */
    private Comparator<String> order() {
        return switch (mode.get()) {
            case TIER -> Comparator.comparing(Tier::fromWire);
            case REPOSITORY -> Comparator.comparing((String k) -> k.equals(AgentItem.NO_REPOSITORY))
                    .thenComparing(Comparator.naturalOrder());
        };
    }

    public Mode mode() {
        return mode.get();
    }

    public ReadOnlyObjectProperty<Mode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    public Command byTier() {
        return byTier;
    }

    public Command byRepository() {
        return byRepository;
    }
}
