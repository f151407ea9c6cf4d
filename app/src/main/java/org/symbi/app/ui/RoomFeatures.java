package org.symbi.app.ui;

import org.symbi.app.ui.agents.AgentsFeature;
import org.symbi.app.ui.settings.SettingsFeature;
import org.symbi.app.ui.shell.MainViewModel;

import java.util.List;

/** The room's views, in navigation order. */
public final class RoomFeatures {
    private RoomFeatures() {
    }

    /** @param shell the window, whose theme the settings switch */
    public static List<RoomFeature> all(MainViewModel shell) {
        return List.of(
                new AgentsFeature(),
                new SettingsFeature(shell.themeProperty(), shell::useTheme));
    }
}
