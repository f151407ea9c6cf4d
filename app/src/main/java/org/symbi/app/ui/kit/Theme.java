package org.symbi.app.ui.kit;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

import java.util.Objects;

/** The room's two looks. The AtlantaFX theme is the user-agent stylesheet, set in one place. */
public enum Theme {
    DARK, LIGHT;

    /** The room's own rules on top of the theme (status colours, cards, the topology). */
    public static final String ROOM_CSS = Objects.requireNonNull(Theme.class.getResource("/org/symbi/app/ui/room.css"))
            .toExternalForm();

    public void apply() {
        Application.setUserAgentStylesheet(switch (this) {
            case DARK -> new PrimerDark().getUserAgentStylesheet();
            case LIGHT -> new PrimerLight().getUserAgentStylesheet();
        });
    }
}
