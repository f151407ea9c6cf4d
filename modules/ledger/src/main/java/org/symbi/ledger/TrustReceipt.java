package org.symbi.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Proof that one entry is in the ledger: the entry, its inclusion path and a signed checkpoint, verifiable
 * offline with the ledger's public key alone ({@link ReceiptVerifier}). The first six fields repeat the entry
 * under the names receipts have always used; the verifier checks them against the entry itself.
 *
 * @param agentId           the entry's actor
 * @param timestamp         the entry's time
 * @param signature         the checkpoint's signature value: base64(key id ‖ Ed25519 signature)
 * @param verificationChain the inclusion path, lower-case hex, from the leaf upwards
 * @param entry             the entry's canonical JSON: the exact leaf bytes as UTF-8
 * @param checkpoint        the signed checkpoint note
 */
public record TrustReceipt(String agentId, String action, String timestamp, String contextHash, String signature,
                           List<String> verificationChain, String entry, long leafIndex, long treeSize,
                           String leafHash, String rootHash, String checkpoint) {
    public static final String FORMAT = "symbi-trust-receipt/v1";

    public TrustReceipt {
        verificationChain = List.copyOf(verificationChain);
    }

    public String toJson() {
        ObjectNode o = EntryCodec.JSON.createObjectNode();
        o.put("format", FORMAT).put("agent_id", agentId).put("action", action).put("timestamp", timestamp)
                .put("context_hash", contextHash).put("signature", signature);
        verificationChain.forEach(o.putArray("verification_chain")::add);
        o.put("entry", entry).put("leaf_index", leafIndex).put("tree_size", treeSize).put("leaf_hash", leafHash)
                .put("root_hash", rootHash).put("checkpoint", checkpoint);
        try {
            return EntryCodec.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
