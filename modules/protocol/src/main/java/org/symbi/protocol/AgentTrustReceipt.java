package org.symbi.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;

/**
 * An agent's signed statement of something it did, carried in an envelope's {@code trust_receipt}. The room
 * records it in the ledger as an entry whose actor is the sending agent, countersigned with the agent's own
 * Ed25519 key: the entry then proves that the agent said it, not only that the room wrote it down, and anyone
 * holding the agent's public key can check it offline.
 *
 * <p>The signature covers {@link #signedMessage}: the line {@value #DOMAIN_LINE} and a newline, then the RFC 8785
 * canonical JSON of the object with {@code action}, {@code actor} ({@code agent:<id>}), {@code outcome},
 * {@code payload} and {@code subject}.
 *
 * @param publicKey base64 of the agent's 32-byte Ed25519 public key
 * @param signature base64 of the 64-byte Ed25519 signature
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AgentTrustReceipt(String action, String subject, String outcome, JsonNode payload, String publicKey,
                                String signature) {
    /** Put in front of the signed bytes so that a statement can never be taken for another signed message. */
    public static final String DOMAIN_LINE = "symbi-ledger-countersignature/v1";

    public AgentTrustReceipt {
        payload = payload == null || payload.isNull() ? JsonNodeFactory.instance.objectNode() : payload;
    }

    /** Signs a statement as the agent {@code agentId} holding {@code keys} (Ed25519). */
    public static AgentTrustReceipt sign(String agentId, KeyPair keys, String action, String subject, String outcome,
                                         JsonNode payload) {
        JsonNode content = payload == null || payload.isNull() ? JsonNodeFactory.instance.objectNode() : payload;
        byte[] sig = Ed25519.sign(keys.getPrivate(), signedMessage("agent:" + agentId, action, subject, outcome, content));
        Base64.Encoder b64 = Base64.getEncoder();
        return new AgentTrustReceipt(action, subject, outcome, content, b64.encodeToString(Ed25519.raw(keys.getPublic())),
                b64.encodeToString(sig));
    }

    /** The statement's fields as the ledger keeps and signs them. */
    public static ObjectNode statement(String actor, String action, String subject, String outcome, JsonNode payload) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("action", action).put("actor", actor).put("outcome", outcome).put("subject", subject);
        o.set("payload", payload);
        return o;
    }

    /** The bytes an agent signs for a statement. */
    public static byte[] signedMessage(String actor, String action, String subject, String outcome, JsonNode payload) {
        byte[] body = CanonicalJson.bytes(statement(actor, action, subject, outcome, payload));
        byte[] domain = (DOMAIN_LINE + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[domain.length + body.length];
        System.arraycopy(domain, 0, out, 0, domain.length);
        System.arraycopy(body, 0, out, domain.length, body.length);
        return out;
    }
}
