package org.symbi.app.ui.approvals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.symbi.app.serve.Room;
import org.symbi.governance.Warrant;
import org.symbi.governance.WarrantScope;
import org.symbi.governance.WarrantTerms;
import org.symbi.kernel.Kernel;
import org.symbi.ledger.LedgerEntry;
import org.symbi.protocol.ActionSpec;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.WarrantDecision;
import org.symbi.protocol.WarrantRequest;
import org.symbi.protocol.WarrantStatus;
import org.symbi.sdk.AgentClient;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real requests for approval under the room's shipped policy: an agent holds a warrant for a gated kind and
 * asks to run one exact action of it, which the policy sends to approvers.
 */
final class GatedRequests {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private GatedRequests() {
    }

    /** A merge to main: one maintainer must approve it. */
    static ActionSpec mergeToMain() {
        return new ActionSpec("git.merge", JSON.objectNode().put("repository", "symbi-core").put("branch", "main")
                .put("source", "feature/fib"));
    }

    static WarrantScope mergeScope() {
        return WarrantScope.kinds("git.merge").repositories("symbi-core").branches("main");
    }

    /** A production deploy: two approvals of maintainers or release managers. */
    static ActionSpec productionDeploy() {
        return new ActionSpec("deploy", JSON.objectNode().put("environment", "production")
                .put("command", "./deploy.sh --version 1.4.2"));
    }

    static WarrantScope deployScope() {
        return WarrantScope.kinds("deploy").environments("production");
    }

    static Warrant warrant(Kernel kernel, String agentId, WarrantScope scope) {
        return kernel.governance().issueWarrant(agentId, new WarrantTerms(scope,
                kernel.clock().instant().plus(Duration.ofHours(1)), 5, 0, Set.of()), Kernel.LOCAL_APPROVER);
    }

    /** The agent gets a warrant for the action's kind and asks to run it; returns the pending request's id. */
    static String ask(Kernel kernel, String agentId, WarrantScope scope, ActionSpec action, String reasoning) {
        Warrant w = warrant(kernel, agentId, scope);
        WarrantDecision d = kernel.warrants().request(agentId, new WarrantRequest(action, w.id(), null, reasoning));
        assertThat(d.status()).isEqualTo(WarrantStatus.PENDING);
        return d.requestId();
    }

    /** What the agent hears if it asks for the same action again under the same warrant. */
    static WarrantDecision askAgain(Kernel kernel, String agentId, String warrantId, ActionSpec action) {
        return kernel.warrants().request(agentId, new WarrantRequest(action, warrantId, null, "again"));
    }

    /** An agent connected over the gateway with a token, as real agents are. */
    static AgentClient connectAgent(Room room, String agentId) throws IOException {
        room.tokens().grant(agentId, Set.of("git"), Set.of("symbi-core"));
        String token = room.tokens().issue(agentId, Set.of("git"), Set.of("symbi-core"));
        return AgentClient.connect(URI.create(room.gateway().address()), token,
                AgentCard.of(agentId, "coder", List.of("git")), (client, task, request) -> { });
    }

    /** The ledger's entries with this action about this subject. */
    static List<LedgerEntry> ledger(Kernel kernel, String action, String subject) {
        return kernel.ledger().entries(0, 1000, null, action, subject);
    }

    /** The ledger entry recording that a use of a warrant was allowed on the strength of this approval. */
    static List<LedgerEntry> usesAllowedBy(Kernel kernel, String requestId) {
        return kernel.ledger().entries(0, 1000, null, "warrant.use", null).stream()
                .filter(e -> requestId.equals(e.payload().path("approval").asText(null))).toList();
    }
}
