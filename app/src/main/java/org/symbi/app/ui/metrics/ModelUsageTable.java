package org.symbi.app.ui.metrics;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Each agent's model calls: calls, tokens, estimated cost and mean latency, sortable by any column.
 * Choosing a row chooses that agent for the charts below, as the agent list does.
 */
final class ModelUsageTable extends TableView<ModelUsageRow> {
    private static final double ROW_HEIGHT = 28;
    private static final double HEADER_HEIGHT = 44;
    private static final int MOST_ROWS_SHOWN = 8;

    ModelUsageTable(MetricsViewModel model) {
        setId("model-usage");
        getStyleClass().add("model-usage");
        SortedList<ModelUsageRow> rows = new SortedList<>(model.modelUsage());
        rows.comparatorProperty().bind(comparatorProperty());
        setItems(rows);
        getColumns().setAll(
                column("Agent", ModelUsageRow::agentId, Comparator.comparing(ModelUsageRow::agentId), 200),
                number("Calls", r -> r.usage().calls(), 80),
                number("Tokens in", r -> r.usage().tokensIn(), 110),
                number("Tokens out", r -> r.usage().tokensOut(), 110),
                numeric(column("Cost (USD)", ModelUsageRow::costText, by(r -> r.usage().costUsd()), 200)),
                numeric(column("Mean latency", ModelUsageRow::meanLatencyText,
                        by(r -> r.usage().meanLatencyMs().orElse(-1)), 110)));
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label("No model calls yet: each llm_response step an agent reports is counted here."));
        setFixedCellSize(ROW_HEIGHT);
        // As tall as its rows (room for the placeholder when there are none), up to a few; then it scrolls.
        prefHeightProperty().bind(Bindings.min(MOST_ROWS_SHOWN, Bindings.max(2, Bindings.size(rows)))
                .multiply(ROW_HEIGHT).add(HEADER_HEIGHT));
        minHeightProperty().bind(prefHeightProperty());
        getSelectionModel().selectedItemProperty().addListener((obs, was, row) -> {
            if (row != null) {
                model.agentProperty().set(row.agentId());
            }
        });
    }

    private static TableColumn<ModelUsageRow, ModelUsageRow> number(String title, Function<ModelUsageRow, Long> value,
                                                                   double width) {
        return numeric(column(title, r -> String.format(Locale.ROOT, "%,d", value.apply(r)),
                Comparator.comparing(value), width));
    }

    private static Comparator<ModelUsageRow> by(ToDoubleFunction<ModelUsageRow> value) {
        return Comparator.comparingDouble(value);
    }

    private static TableColumn<ModelUsageRow, ModelUsageRow> numeric(TableColumn<ModelUsageRow, ModelUsageRow> column) {
        column.getStyleClass().add("numeric");
        return column;
    }

    /** A column whose cells show text made from the row, and which sorts by the row's value, not the text. */
    private static TableColumn<ModelUsageRow, ModelUsageRow> column(String title, Function<ModelUsageRow, String> text,
                                                                   Comparator<ModelUsageRow> order, double width) {
        TableColumn<ModelUsageRow, ModelUsageRow> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(ModelUsageRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : text.apply(row));
            }
        });
        column.setComparator(order);
        return column;
    }
}
