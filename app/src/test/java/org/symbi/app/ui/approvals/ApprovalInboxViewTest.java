package org.symbi.app.ui.approvals;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.symbi.app.ui.RoomTest;
import org.symbi.app.ui.kit.Theme;
import org.symbi.kernel.Kernel;
import org.symbi.protocol.ActionSpec;
import org.symbi.protocol.WarrantDecision;
import org.symbi.protocol.WarrantStatus;
import org.symbi.sdk.AgentClient;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.symbi.app.ui.approvals.GatedRequests.ask;
import static org.symbi.app.ui.approvals.GatedRequests.deployScope;
import static org.symbi.app.ui.approvals.GatedRequests.mergeScope;
import static org.symbi.app.ui.approvals.GatedRequests.mergeToMain;
import static org.symbi.app.ui.approvals.GatedRequests.productionDeploy;

/**
 * The inbox on screen, on a real room: requests dragged onto Approve or Deny, decided by buttons and keys;
 * each decision checked in the kernel (the request's outcome, the agent's answer) and in the ledger.
 */
@ExtendWith(ApplicationExtension.class)
class ApprovalInboxViewTest extends RoomTest {
    private Stage stage;
    private AgentClient agent;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Theme.LIGHT.apply();
        Scene scene = new Scene(new StackPane(), 900, 760);
        scene.getStylesheets().add(Theme.ROOM_CSS);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        if (agent != null) {
            agent.close();
        }
    }

    private void showInbox(FxRobot robot) {
        robot.interact(() -> {
            stage.getScene().setRoot(new ApprovalInboxView(new ApprovalInboxViewModel(room.context())));
            room.drain();
        });
    }

    /** A real agent over the gateway asks to run the action; returns its answer to come, once the card shows. */
    private CompletableFuture<WarrantDecision> agentAsks(FxRobot robot, ActionSpec action) throws Exception {
        GatedRequests.warrant(kernel, "coder-1", mergeScope());
        agent = GatedRequests.connectAgent(room.room(), "coder-1");
        CompletableFuture<WarrantDecision> answer = agent.requestWarrant(action, "review passed, CI green", null);
        // The request reaches governance on the gateway's thread; its card comes with the next pulses.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            robot.interact(room::drain);
            return robot.lookup(".approval-card").tryQuery().isPresent();
        });
        return answer;
    }

    private String onlyRequestId() {
        return kernel.governance().approvals().pending().getFirst().id();
    }

    private Node card(FxRobot robot, String requestId) {
        return robot.lookup("#approval-" + requestId).query();
    }

    private Node header(FxRobot robot, String requestId) {
        return robot.from(card(robot, requestId)).lookup(".approval-card-header").query();
    }

    @Test
    void draggingACardOntoApproveApprovesItAndTheAgentGetsItsWarrant(FxRobot robot) throws Exception {
        showInbox(robot);
        CompletableFuture<WarrantDecision> answer = agentAsks(robot, mergeToMain());
        String id = onlyRequestId();
        assertThat(robot.lookup("#approval-count").queryLabeled().getText()).isEqualTo("1 request waits");
        long ledgerBefore = kernel.ledger().size();

        robot.drag(header(robot, id)).dropTo("#approve-zone");
        robot.interact(room::drain);

        WarrantDecision decision = answer.get(10, TimeUnit.SECONDS);
        assertThat(decision.status()).isEqualTo(WarrantStatus.ALLOWED);
        assertThat(kernel.governance().approvals().pending()).isEmpty();
        assertThat(kernel.ledger().size()).isGreaterThan(ledgerBefore);
        assertThat(GatedRequests.ledger(kernel, "approval.approve", id)).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("person:" + Kernel.LOCAL_APPROVER));
        assertThat(GatedRequests.usesAllowedBy(kernel, id)).singleElement()
                .satisfies(e -> assertThat(e.subject()).isEqualTo(decision.warrantId()));
        assertThat(robot.lookup("#approval-" + id).tryQuery()).isEmpty();
        assertThat(robot.lookup("#approval-empty").queryLabeled().isVisible()).isTrue();
    }

    @Test
    void draggingACardOntoDenyAsksWhyAndDeniesIt(FxRobot robot) throws Exception {
        showInbox(robot);
        CompletableFuture<WarrantDecision> answer = agentAsks(robot, mergeToMain());
        String id = onlyRequestId();
        long ledgerBefore = kernel.ledger().size();

        robot.drag(header(robot, id)).dropTo("#deny-zone");
        robot.clickOn("#deny-confirm");
        assertThat(robot.lookup("#deny-reason-problem").queryLabeled().getText())
                .isEqualTo(ApprovalInboxViewModel.REASON_NEEDED);
        assertThat(kernel.governance().approvals().pending()).as("nothing sent without a reason").hasSize(1);

        robot.clickOn("#deny-reason").write("not during the release freeze");
        robot.clickOn("#deny-confirm");
        robot.interact(room::drain);

        assertThat(answer.get(10, TimeUnit.SECONDS).status()).isEqualTo(WarrantStatus.DENIED);
        assertThat(kernel.governance().approvals().pending()).isEmpty();
        assertThat(kernel.ledger().size()).isGreaterThan(ledgerBefore);
        assertThat(GatedRequests.ledger(kernel, "approval.deny", id)).singleElement().satisfies(e ->
                assertThat(e.payload().path("reason").asText()).isEqualTo("not during the release freeze"));
        assertThat(robot.lookup("#approval-" + id).tryQuery()).isEmpty();
        assertThat(robot.lookup("#approval-message").queryLabeled().getText()).isEqualTo("You denied " + id);
    }

    @Test
    void theCardShowsTheExactActionAndItsButtonsDecide(FxRobot robot) {
        String deploy = ask(kernel, "coder-2", deployScope(), productionDeploy(), "release 1.4.2");
        showInbox(robot);
        Node card = card(robot, deploy);
        String canonical = kernel.governance().approvals().request(deploy).orElseThrow().canonicalAction();
        assertThat(robot.from(card).lookup(".approval-action").queryTextInputControl().getText()).isEqualTo(canonical);
        assertThat(robot.from(card).lookup(".approval-quorum").queryLabeled().getText()).isEqualTo("0 of 2");
        assertThat(robot.from(card).lookup(".approval-risk").queryLabeled().getText()).isEqualTo("high risk");

        robot.clickOn(robot.from(card).lookup(".approve-button").queryButton());
        robot.interact(room::drain);

        assertThat(robot.from(card).lookup(".approval-quorum").queryLabeled().getText()).isEqualTo("1 of 2");
        assertThat(robot.from(card).lookup(".approval-signature").queryLabeled().getText())
                .startsWith("✔ " + Kernel.LOCAL_APPROVER + " signed approve · ");
        assertThat(robot.from(card).lookup(".approve-button").queryButton().isDisabled())
                .as("the room's approver counts once").isTrue();

        robot.clickOn(robot.from(card).lookup(".deny-button").queryButton());
        robot.clickOn("#deny-reason").write("changed my mind");
        robot.clickOn("#deny-confirm");
        robot.interact(room::drain);
        Label problem = robot.from(card).lookup(".approval-problem").queryAs(Label.class);
        assertThat(problem.isVisible()).isTrue();
        assertThat(problem.getText()).contains("already decided APPROVE");
        assertThat(kernel.governance().approvals().pending()).as("governance refused; nothing changed").hasSize(1);
    }

    @Test
    void arrowsChooseACardAndTheKeysApproveAndDeny(FxRobot robot) {
        String first = ask(kernel, "coder-1", mergeScope(), mergeToMain(), "first");
        String second = ask(kernel, "coder-2", mergeScope(), mergeToMain(), "second");
        showInbox(robot);
        robot.clickOn(header(robot, first));

        robot.type(KeyCode.DOWN).type(KeyCode.A);
        robot.interact(room::drain);
        assertThat(GatedRequests.ledger(kernel, "approval.approve", second)).hasSize(1);
        assertThat(robot.lookup("#approval-" + second).tryQuery()).isEmpty();

        robot.type(KeyCode.D);
        robot.clickOn("#deny-reason").write("duplicate of the other merge");
        robot.clickOn("#deny-confirm");
        robot.interact(room::drain);
        assertThat(GatedRequests.ledger(kernel, "approval.deny", first)).hasSize(1);
        assertThat(kernel.governance().approvals().pending()).isEmpty();
    }
}
