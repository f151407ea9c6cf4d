package org.symbi.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.symbi.governance.ApprovalRequest;
import org.symbi.governance.Quorum;
import org.symbi.governance.Verdict;
import org.symbi.kernel.Kernel;
import org.symbi.store.DataDir;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * An approval decision signed with the local approver's key: through the running room's admin API, or on
 * the data directory itself when no room runs.
 */
final class DecideCommand {
    private DecideCommand() {
    }

    static int decide(Path data, String requestId, Verdict verdict, String reason) throws Exception {
        String verb = verdict.name().toLowerCase(Locale.ROOT);
        Optional<AdminClient> room = AdminClient.forRunning(new DataDir(data));
        String quorum;
        if (room.isPresent()) {
            JsonNode answer = room.get().post(AdminClient.item("approvals", requestId, verb),
                    AdminClient.JSON.createObjectNode().put("reason", reason));
            quorum = answer.path("quorum").asText();
        } else {
            quorum = LocalRoom.with(data, (db, dir, kernel) -> {
                ApprovalRequest r = kernel.governance().approvals().request(requestId)
                        .filter(p -> p.status() == ApprovalRequest.Status.PENDING)
                        .orElseThrow(() -> new IllegalArgumentException("no pending approval request " + requestId));
                Quorum q = kernel.governance().approvals().decideLocally(r.id(), Kernel.LOCAL_APPROVER, verdict, reason);
                return q.toString();
            });
        }
        System.out.println((verdict == Verdict.APPROVE ? "approved " : "denied ") + requestId + ": quorum " + quorum);
        return 0;
    }
}
