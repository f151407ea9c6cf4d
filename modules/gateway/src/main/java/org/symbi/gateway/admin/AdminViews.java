package org.symbi.gateway.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.governance.ApprovalRequest;
import org.symbi.governance.ApprovalService;
import org.symbi.governance.Quorum;
import org.symbi.ledger.Ledger;
import org.symbi.ledger.VerificationReport;
import org.symbi.store.KeyFiles;

import java.time.Instant;
import java.util.Comparator;

/**
 * The JSON the admin API answers with (docs/admin-api.md), also for the command line when it opens a data
 * directory itself because no room runs on it: both ways print the same.
 */
public final class AdminViews {
    private final ObjectMapper json;

    public AdminViews(ObjectMapper json) {
        this.json = json;
    }

    /** {@code {"approvals": [...]}}: the requests waiting for approvers, oldest first. */
    public ObjectNode pendingApprovals(ApprovalService approvals) {
        ObjectNode out = json.createObjectNode();
        ArrayNode list = out.putArray("approvals");
        approvals.pending().stream().sorted(Comparator.comparing(ApprovalRequest::createdAt))
                .forEach(a -> list.add(approval(a, approvals.quorum(a.id()))));
        return out;
    }

    /** A pending approval request with its quorum so far ("1 of 2"). */
    public ObjectNode approval(ApprovalRequest a, Quorum quorum) {
        ObjectNode n = json.createObjectNode().put("request_id", a.id()).put("agent_id", a.agentId())
                .put("kind", a.kind()).put("binding_hash", a.bindingHash()).put("canonical_action", a.canonicalAction())
                .put("reasoning", a.reasoning()).put("warrant_id", a.warrantId()).put("task_id", a.taskId())
                .put("rule_id", a.ruleId()).put("escalated", a.escalated())
                .put("quorum", quorum.toString());
        n.set("groups", json.valueToTree(a.groups()));
        putInstant(n, "created_at", a.createdAt());
        putInstant(n, "expires_at", a.expiresAt());
        return n;
    }

    /** What a full verification of the ledger found. */
    public ObjectNode verification(VerificationReport v) {
        ObjectNode out = json.createObjectNode().put("ok", v.ok()).put("entries_checked", v.entriesChecked())
                .put("tree_root", v.treeRoot());
        if (v.firstBadIndex() != null) {
            out.put("first_bad_index", v.firstBadIndex());
        }
        if (v.problem() != null) {
            out.put("problem", v.problem());
        }
        return out;
    }

    /** The ledger's size, identity and latest signed checkpoint, read without verifying anything. */
    public ObjectNode ledgerStatus(Ledger ledger) {
        ObjectNode out = json.createObjectNode().put("size", ledger.size()).put("origin", ledger.origin())
                .put("public_key", KeyFiles.encodePublic(ledger.publicKey()));
        ledger.latestCheckpoint().ifPresent(cp -> {
            ObjectNode c = out.putObject("checkpoint").put("tree_size", cp.treeSize()).put("root_hash", cp.rootHash());
            putInstant(c, "time", cp.time());
            c.put("note", cp.note());
        });
        return out;
    }

    /** Instants as ISO-8601 text, which the command line prints as is. */
    static void putInstant(ObjectNode n, String field, Instant at) {
        if (at != null) {
            n.put(field, at.toString());
        }
    }
}
