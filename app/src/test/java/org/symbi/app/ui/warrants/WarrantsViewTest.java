package org.symbi.app.ui.warrants;

import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.symbi.app.ui.RoomTest;
import org.symbi.app.ui.kit.Theme;
import org.symbi.governance.Warrant;
import org.symbi.governance.WarrantScope;
import org.symbi.governance.WarrantTerms;
import org.symbi.kernel.Kernel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The warrants table on a real room: filtered by typing, a live warrant revoked with a reason. */
@ExtendWith(ApplicationExtension.class)
class WarrantsViewTest extends RoomTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Theme.LIGHT.apply();
        Scene scene = new Scene(new StackPane(), 960, 600);
        scene.getStylesheets().add(Theme.ROOM_CSS);
        stage.setScene(scene);
        stage.show();
    }

    private Warrant issue(String agentId, String kind) {
        return kernel.governance().issueWarrant(agentId, new WarrantTerms(WarrantScope.kinds(kind),
                kernel.clock().instant().plus(Duration.ofHours(2)), 0, 0, Set.of()), Kernel.LOCAL_APPROVER);
    }

    @SuppressWarnings("unchecked")
    private TableView<WarrantRow> table(FxRobot robot) {
        return robot.lookup("#warrant-table").queryAs(TableView.class);
    }

    @Test
    void filterThenRevokeTheChosenWarrantWithAReason(FxRobot robot) {
        Warrant merge = issue("coder-1", "git.merge");
        issue("reviewer", "file.read");
        robot.interact(() -> {
            stage.getScene().setRoot(new WarrantsView(new WarrantsViewModel(room.context())));
            room.drain();
        });
        assertThat(table(robot).getItems()).hasSize(2);
        assertThat(robot.lookup("#revoke").queryButton().isDisabled()).isTrue();

        robot.clickOn("#warrant-filter").write("coder");
        assertThat(table(robot).getItems()).extracting(WarrantRow::id).containsExactly(merge.id());

        robot.clickOn("coder-1");
        assertThat(robot.lookup("#warrant-chosen").queryLabeled().getText())
                .isEqualTo("Revoke " + merge.id() + " of coder-1:");
        robot.clickOn("#revoke");
        assertThat(robot.lookup("#warrants-message").queryLabeled().getText()).isEqualTo(WarrantsViewModel.REASON_NEEDED);
        assertThat(kernel.governance().warrant(merge.id())).isPresent();

        robot.clickOn("#revoke-reason").write("the plan changed");
        robot.clickOn("#revoke");
        robot.interact(room::drain);

        assertThat(kernel.governance().warrant(merge.id())).isEmpty();
        assertThat(kernel.ledger().entries(0, 1000, null, "warrant.revoke", merge.id())).hasSize(1);
        assertThat(robot.lookup(".warrant-status-revoked").queryLabeled().getText()).isEqualTo("revoked");
        assertThat(robot.lookup("#warrants-message").queryLabeled().getText())
                .isEqualTo("Revoked " + merge.id() + " of coder-1.");
        assertThat(robot.lookup("#revoke").queryButton().isDisabled()).isTrue();
    }
}
