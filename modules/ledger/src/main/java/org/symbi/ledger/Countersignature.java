package org.symbi.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import org.symbi.protocol.AgentTrustReceipt;
import org.symbi.protocol.Ed25519;

import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Base64;

/**
 * An agent's own Ed25519 signature over the entry it asks the ledger to record, so the entry proves the agent
 * meant it and not only that the orchestrator wrote it down.
 *
 * @param agentId   the agent's id; the entry's actor must be {@code agent:<agentId>}
 * @param publicKey base64 of the agent's 32-byte Ed25519 public key
 * @param signature base64 of the 64-byte Ed25519 signature over {@link #message}
 */
public record Countersignature(String agentId, String publicKey, String signature) {
    /** The signed message: see {@link AgentTrustReceipt#signedMessage}. */
    public static byte[] message(String actor, String action, String subject, String outcome, JsonNode payload) {
        return AgentTrustReceipt.signedMessage(actor, action, subject, outcome, payload);
    }

    /** Signs a draft's content as the agent {@code agentId} holding {@code keys}. */
    public static Countersignature sign(String agentId, KeyPair keys, String actor, String action, String subject,
                                        String outcome, JsonNode payload) {
        byte[] sig = Ed25519.sign(keys.getPrivate(), message(actor, action, subject, outcome, payload));
        Base64.Encoder b64 = Base64.getEncoder();
        return new Countersignature(agentId, b64.encodeToString(Ed25519.raw(keys.getPublic())), b64.encodeToString(sig));
    }

    /** Null when it verifies for this content, else what is wrong. */
    String problem(String actor, String action, String subject, String outcome, JsonNode payload) {
        if (agentId == null || publicKey == null || signature == null) {
            return "countersignature is incomplete";
        }
        if (!actor.equals(EntryDraft.agent(agentId))) {
            return "countersignature by agent " + agentId + " on an entry whose actor is " + actor;
        }
        PublicKey key;
        byte[] sig;
        try {
            key = Ed25519.fromRaw(Strict.base64(publicKey));
            sig = Strict.base64(signature);
        } catch (IllegalArgumentException e) {
            return "countersignature: " + e.getMessage();
        }
        return Ed25519.verify(key, message(actor, action, subject, outcome, payload), sig)
                ? null : "countersignature of agent " + agentId + " does not verify";
    }
}
