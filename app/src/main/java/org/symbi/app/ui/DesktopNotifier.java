package org.symbi.app.ui;

import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.symbi.app.ui.kit.Notifier;

/** Desktop notifications as ControlsFX pop-ups in the corner of the room's screen. */
final class DesktopNotifier implements Notifier {
    /** A pop-up grows with its text on one line: longer texts are cut, the view that raised it has the rest. */
    static final int MAX_TEXT = 140;

    private final Window owner;

    DesktopNotifier(Window owner) {
        this.owner = owner;
    }

    @Override
    public void notify(Severity severity, String title, String text) {
        Notifications n = Notifications.create().owner(owner).title(title).text(shortened(text))
                .hideAfter(Duration.seconds(6));
        switch (severity) {
            case INFO -> n.showInformation();
            case WARNING -> n.showWarning();
            case ERROR -> n.showError();
        }
    }

    static String shortened(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
