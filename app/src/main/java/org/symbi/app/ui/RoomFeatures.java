package org.symbi.app.ui;

import org.symbi.app.ui.agents.AgentsFeature;
import org.symbi.app.ui.alerts.AlertsFeature;
import org.symbi.app.ui.approvals.ApprovalsFeature;
import org.symbi.app.ui.ledger.LedgerFeature;
import org.symbi.app.ui.metrics.MetricsFeature;
import org.symbi.app.ui.queues.QueuesFeature;
import org.symbi.app.ui.requests.RequestsFeature;
import org.symbi.app.ui.settings.SettingsFeature;
import org.symbi.app.ui.shell.MainViewModel;
import org.symbi.app.ui.tasks.TasksFeature;
import org.symbi.app.ui.topology.TopologyFeature;
import org.symbi.app.ui.warrants.WarrantsFeature;

import java.util.List;

/** The room's views, in navigation order. */
public final class RoomFeatures {
    private RoomFeatures() {
    }

    /** @param shell the window, whose theme the settings switch */
    public static List<RoomFeature> all(MainViewModel shell) {
        return List.of(
                new RequestsFeature(),
                new TopologyFeature(),
                new QueuesFeature(),
                new TasksFeature(),
                new ApprovalsFeature(),
                new WarrantsFeature(),
                new LedgerFeature(),
                new AgentsFeature(),
                new MetricsFeature(),
                new AlertsFeature(),
                new SettingsFeature(shell.themeProperty(), shell::useTheme));
    }
}
