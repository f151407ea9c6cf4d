package org.symbi.app.ui.queues;

import atlantafx.base.controls.ToggleSwitch;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.symbi.app.ui.kit.Forms;
import org.symbi.app.ui.kit.KeptSelection;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import static javafx.scene.layout.Priority.ALWAYS;

/** The messages the bus gave up on, to send again or throw away. */
final class DeadLettersPane extends VBox {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    DeadLettersPane(QueuesViewModel model) {
        super(6);
        setPadding(new Insets(8, 12, 8, 12));
        Label title = new Label();
        title.getStyleClass().add("title-4");
        title.textProperty().bind(Bindings.size(model.deadLetters()).map(n -> "Dead letters · " + n));
        ToggleSwitch onlySelected = new ToggleSwitch();
        onlySelected.setId("dead-letters-only-selected");
        onlySelected.textProperty().bind(model.selectedAgentProperty().map(a -> "Only " + a).orElse("Only the chosen agent"));
        onlySelected.selectedProperty().bindBidirectional(model.deadLettersOfSelectedAgentProperty());
        Region spring = new Region();
        HBox.setHgrow(spring, ALWAYS);
        Button retry = Forms.button("dead-letter-retry", "Retry", model.retryCommand());
        retry.getStyleClass().add("accent");
        Button discard = Forms.button("dead-letter-discard", "Discard", model.discardCommand());
        discard.getStyleClass().add("danger");
        HBox heading = new HBox(12, title, onlySelected, spring, retry, discard);
        heading.setAlignment(Pos.CENTER_LEFT);

        KeptSelection<DeadLetterRow, Long> kept = new KeptSelection<>(model.deadLetters(), DeadLetterRow::seq,
                model.selectedDeadLetterProperty().map(DeadLetterRow::seq));
        TableView<DeadLetterRow> table = new TableView<>(model.deadLetters());
        table.setId("dead-letters");
        table.setPlaceholder(new Label("No dead letters"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(QueuesView.column("Recipient", DeadLetterRow::recipient));
        table.getColumns().add(QueuesView.column("Message", d -> d.messageId() != null ? d.messageId() : "unreadable"));
        table.getColumns().add(QueuesView.column("From", d -> d.sender() != null ? d.sender() : ""));
        table.getColumns().add(QueuesView.column("Type", d -> d.type() != null ? d.type() : ""));
        table.getColumns().add(QueuesView.column("Attempts", d -> String.valueOf(d.attempts())));
        table.getColumns().add(QueuesView.column("Dead since", d -> WHEN.format(d.deadAt())));
        table.getColumns().add(QueuesView.column("Reason", DeadLetterRow::reason));
        table.getColumns().add(QueuesView.column("Payload", DeadLetterRow::payload));
        kept.attach(table.getSelectionModel(), model.selectedDeadLetterProperty()::set);
        VBox.setVgrow(table, ALWAYS);

        Label message = new Label();
        message.setId("queues-message");
        message.textProperty().bind(model.messageProperty());
        message.setWrapText(true);
        getChildren().addAll(heading, table, message);
    }

}
