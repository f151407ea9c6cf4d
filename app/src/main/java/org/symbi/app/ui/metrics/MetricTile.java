package org.symbi.app.ui.metrics;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.function.Function;

/** A current value, formatted for reading at a glance. */
public final class MetricTile<T> {
    /** What a tile shows while there is nothing to show (no agent chosen yet). */
    public static final String NONE = "–";

    private final String label;
    private final Function<T, String> format;
    private final ReadOnlyStringWrapper value = new ReadOnlyStringWrapper(NONE);

    MetricTile(String label, Function<T, String> format) {
        this.label = label;
        this.format = format;
    }

    public String label() {
        return label;
    }

    public ReadOnlyStringProperty valueProperty() {
        return value.getReadOnlyProperty();
    }

    public String value() {
        return value.get();
    }

    /** Shows the current value, or {@link #NONE} for null. */
    void show(T current) {
        value.set(current == null ? NONE : format.apply(current));
    }
}
