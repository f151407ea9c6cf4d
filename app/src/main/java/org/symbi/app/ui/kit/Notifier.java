package org.symbi.app.ui.kit;

/** Tells the person at the desk about something that needs their attention (a desktop notification). */
@FunctionalInterface
public interface Notifier {
    enum Severity { INFO, WARNING, ERROR }

    void notify(Severity severity, String title, String text);
}
