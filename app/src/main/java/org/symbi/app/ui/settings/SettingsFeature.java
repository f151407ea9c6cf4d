package org.symbi.app.ui.settings;

import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.RoomFeature;
import org.symbi.app.ui.kit.Theme;

import java.util.function.Consumer;

/** The settings view; the theme belongs to the window, so the window hands in its theme and its switch. */
public final class SettingsFeature implements RoomFeature {
    private final ObservableValue<Theme> theme;
    private final Consumer<Theme> useTheme;

    public SettingsFeature(ObservableValue<Theme> theme, Consumer<Theme> useTheme) {
        this.theme = theme;
        this.useTheme = useTheme;
    }

    @Override
    public String title() {
        return "Settings";
    }

    @Override
    public Node createView(RoomContext context) {
        return new SettingsView(new SettingsViewModel(context, theme, useTheme), new PolicyViewModel(context));
    }
}
