package org.symbi.app.ui.kit;

import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.SelectionModel;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Keeps a list control's selection on the same thing, by key, while its view model replaces the rows with
 * fresh ones on every read. The view model holds what is chosen; the control shows it and reports the
 * person's choices, never the moves it makes itself while its rows are replaced.
 *
 * <p>Create it on the rows before the control, then {@link #attach} the control's selection model: what the
 * control does to its selection in between (it listens to the rows too) is then known not to be a choice.
 */
public final class KeptSelection<T, K> {
    private final ObservableList<T> rows;
    private final Function<T, K> key;
    private final ObservableValue<K> chosen;
    private boolean replacing;

    public KeptSelection(ObservableList<T> rows, Function<T, K> key, ObservableValue<K> chosen) {
        this.rows = rows;
        this.key = key;
        this.chosen = chosen;
        rows.addListener((ListChangeListener<T>) c -> replacing = true);
    }

    /** Follows the control built on the rows; {@code choose} hears what the person selects. */
    public void attach(SelectionModel<T> model, Consumer<T> choose) {
        rows.addListener((ListChangeListener<T>) c -> {
            replacing = false;
            show(model);
        });
        model.selectedItemProperty().addListener((obs, was, row) -> {
            if (!replacing && row != null && !Objects.equals(key.apply(row), chosen.getValue())) {
                choose.accept(row);
            }
        });
        chosen.addListener((obs, was, now) -> show(model));
        show(model);
    }

    private void show(SelectionModel<T> model) {
        K wanted = chosen.getValue();
        T current = model.getSelectedItem();
        if (wanted == null) {
            model.clearSelection();
        } else if (current == null || !wanted.equals(key.apply(current))) {
            rows.stream().filter(r -> wanted.equals(key.apply(r))).findFirst()
                    .ifPresentOrElse(model::select, model::clearSelection);
        }
    }
}
