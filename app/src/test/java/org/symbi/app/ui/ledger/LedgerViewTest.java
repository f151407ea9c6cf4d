package org.symbi.app.ui.ledger;

import atlantafx.base.theme.Styles;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.app.ui.RoomFixture;
import org.symbi.app.ui.kit.Theme;
import org.symbi.ledger.EntryDraft;
import org.symbi.ledger.ReceiptVerifier;
import org.symbi.store.KeyFiles;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger view on a real room: entries in the table, verification turning green, a receipt exported. */
@ExtendWith(ApplicationExtension.class)
class LedgerViewTest {
    @TempDir
    Path data;
    private RoomFixture room;
    private LedgerViewModel model;

    @Start
    void start(Stage stage) throws Exception {
        Theme.LIGHT.apply();
        room = RoomFixture.open(data);
        room.room().kernel().ledger().append(EntryDraft.of("agent:alice", "tool.exec", "repo/a", EntryDraft.EXECUTED, null));
        room.room().kernel().ledger().append(EntryDraft.of("agent:bob", "file.write", "repo/b", EntryDraft.EXECUTED, null));
        model = new LedgerViewModel(room.context());
        room.drain();
        Scene scene = new Scene(new LedgerView(model), 960, 700);
        scene.getStylesheets().add(Theme.ROOM_CSS);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void closeRoom() {
        room.close();
    }

    @Test
    void listsTheEntriesAndVerifyTurnsGreen(FxRobot robot) {
        TableView<?> table = robot.lookup("#ledger-entries").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize((int) room.room().kernel().ledger().size());
        assertThat(robot.lookup("#ledger-public-key").queryLabeled().getText())
                .contains(data.resolve("keys").resolve("ledger.pub").toString());

        robot.clickOn("#ledger-verify");
        robot.interact(room::drain);

        Button verify = robot.lookup("#ledger-verify").queryButton();
        assertThat(verify.getStyleClass()).contains(Styles.SUCCESS);
        assertThat(robot.lookup("#ledger-verdict").queryLabeled().getStyleClass()).contains("ledger-intact");
        assertThat(robot.lookup("#ledger-verdict").queryLabeled().getText()).startsWith("Intact: all");
    }

    @Test
    void exportsTheSelectedEntrysReceipt(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#ledger-export").queryButton().isDisabled()).isTrue();

        robot.clickOn("repo/b");
        assertThat(robot.lookup("#ledger-export").queryButton().isDisabled()).isFalse();
        Path file = data.resolve("receipt.json");
        robot.interact(() -> {
            model.exportReceipt(file);
            room.drain();
        });

        assertThat(robot.lookup("#ledger-message").queryLabeled().getText()).contains("written to " + file);
        assertThat(ReceiptVerifier.verify(Files.readString(file), KeyFiles.readPublic(model.publicKeyFile())).ok()).isTrue();
        assertThat(Files.readString(file)).contains("\"action\" : \"file.write\"");
    }
}
