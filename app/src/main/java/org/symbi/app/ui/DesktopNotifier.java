package org.symbi.app.ui;

import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.symbi.app.ui.kit.Notifier;

/** Desktop notifications as ControlsFX pop-ups in the corner of the room's screen. */
final class DesktopNotifier implements Notifier {
    private final Window owner;

    DesktopNotifier(Window owner) {
        this.owner = owner;
    }

    @Override
    public void notify(Severity severity, String title, String text) {
        Notifications n = Notifications.create().owner(owner).title(title).text(text).hideAfter(Duration.seconds(6));
        switch (severity) {
            case INFO -> n.showInformation();
            case WARNING -> n.showWarning();
            case ERROR -> n.showError();
        }
    }
}
