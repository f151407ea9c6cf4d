package org.symbi.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.protocol.ActionSpec;
import org.symbi.protocol.AgentTrustReceipt;
import org.symbi.protocol.CanonicalJson;
import org.symbi.protocol.TaskOutcome;
import org.symbi.protocol.TaskResult;
import org.symbi.protocol.WarrantDecision;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The agent's trust receipts, signed with its own key, as JSON for an envelope's {@code trust_receipt}. */
final class TrustReceipts {
    /** The action of a task result's statement; the room's own entries of the task's end say task.completed. */
    static final String TASK_RESULT = "task.result";

    private final KeyPair keys;
    private final ObjectMapper json;

    TrustReceipts(KeyPair keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    JsonNode sign(String agentId, String action, String subject, String outcome, JsonNode payload) {
        return json.valueToTree(AgentTrustReceipt.sign(agentId, keys, action, subject, outcome, payload));
    }

    /**
     * The statement that goes with a task's result: which assignment it answers and the SHA-256 of the result's
     * canonical JSON (or of the error's text), so the result itself need not be in the ledger to be vouched for.
     */
    JsonNode taskEnded(String agentId, TaskResult r) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("epoch", r.epoch());
        if (r.error() != null) {
            payload.put("error_sha256", sha256(r.error().getBytes(StandardCharsets.UTF_8)));
        } else if (r.result() != null) {
            payload.put("result_sha256", sha256(CanonicalJson.bytes(r.result())));
        }
        return sign(agentId, TASK_RESULT, r.taskId(), r.outcome().wire(), payload);
    }

    /** The statement that goes with an action report: the warrant, the binding it ran under, and the result's hash. */
    JsonNode actionRan(String agentId, WarrantDecision allowed, ActionSpec action, TaskOutcome outcome,
                       JsonNode result) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("binding_hash", allowed.bindingHash());
        if (result != null) {
            payload.put("result_sha256", sha256(CanonicalJson.bytes(result)));
        }
        return sign(agentId, action.kind(), allowed.warrantId(), outcome.wire(), payload);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
