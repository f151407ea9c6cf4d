package org.symbi.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import org.symbi.protocol.Ed25519;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Verifies a {@link TrustReceipt} offline: no database, only the ledger's public key. */
public final class ReceiptVerifier {
    private static final Set<String> FIELDS = Set.of("format", "agent_id", "action", "timestamp", "context_hash",
            "signature", "verification_chain", "entry", "leaf_index", "tree_size", "leaf_hash", "root_hash", "checkpoint");

    private ReceiptVerifier() {
    }

    public static VerificationResult verify(String receiptJson, PublicKey key) {
        try {
            check(EntryCodec.JSON.readTree(receiptJson), key);
            return VerificationResult.valid();
        } catch (IOException | IllegalArgumentException e) {
            return VerificationResult.invalid(e.getMessage());
        }
    }

    private static void check(JsonNode r, PublicKey key) {
        if (r == null || !r.isObject() || r.size() != FIELDS.size()) {
            throw new IllegalArgumentException("a receipt is an object with exactly the fields " + FIELDS);
        }
        r.fieldNames().forEachRemaining(f -> require(FIELDS.contains(f), "unknown receipt field " + f));
        require(TrustReceipt.FORMAT.equals(text(r, "format")), "not a " + TrustReceipt.FORMAT + " receipt");

        byte[] bytes = text(r, "entry").getBytes(StandardCharsets.UTF_8);
        byte[] leaf = Hashes.leaf(bytes);
        LedgerEntry e = EntryCodec.decode(bytes, leaf);
        JsonNode parsed;
        try {
            parsed = EntryCodec.JSON.readTree(bytes);
        } catch (IOException ex) {
            throw new IllegalArgumentException("entry is not JSON", ex);
        }
        require(Arrays.equals(EntryCodec.canonical(parsed), bytes), "entry is not in canonical form");
        require(text(r, "agent_id").equals(e.actor()), "agent_id differs from the entry's actor");
        require(text(r, "action").equals(e.action()), "action differs from the entry's action");
        require(text(r, "timestamp").equals(parsed.get("time").textValue()), "timestamp differs from the entry's time");
        require(text(r, "context_hash").equals(e.contextHash()), "context_hash differs from the entry's");
        require(text(r, "leaf_hash").equals(Hashes.hex(leaf)), "leaf_hash is not the hash of the entry");
        if (e.countersignature() != null) {
            String problem = e.countersignature().problem(e.actor(), e.action(), e.subject(), e.outcome(), e.payload());
            require(problem == null, problem);
        }

        long index = number(r, "leaf_index");
        long size = number(r, "tree_size");
        require(index == e.seq(), "leaf_index differs from the entry's seq");
        SignedCheckpoint cp = SignedCheckpoint.parse(text(r, "checkpoint"), key);
        require(cp.treeSize() == size, "tree_size differs from the checkpoint's");
        require(cp.rootHash().equals(text(r, "root_hash")), "root_hash differs from the checkpoint's");
        String signature = text(r, "signature");
        byte[] sig = Strict.base64(signature);
        require(sig.length == 4 + Ed25519.SIGNATURE_SIZE
                        && Arrays.equals(Arrays.copyOf(sig, 4), SignedCheckpoint.keyId(cp.origin(), key))
                        && cp.note().contains("\n\u2014 " + cp.origin() + " " + signature + "\n"),
                "signature is not the ledger key's signature line of the checkpoint");

        JsonNode chain = r.get("verification_chain");
        require(chain.isArray(), "verification_chain is not a list");
        List<byte[]> path = new ArrayList<>();
        chain.forEach(h -> path.add(Hashes.parseHash(h.isTextual() ? h.textValue() : null)));
        require(MerkleTree.verifyInclusion(index, size, leaf, path, Hashes.parseHash(cp.rootHash())),
                "verification_chain does not lead from the entry to the checkpoint's root");
    }

    private static String text(JsonNode r, String field) {
        JsonNode v = r.get(field);
        require(v != null && v.isTextual(), field + " is missing or not a string");
        return v.textValue();
    }

    private static long number(JsonNode r, String field) {
        JsonNode v = r.get(field);
        require(v != null && v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 0,
                field + " is missing or not a non-negative integer");
        return v.longValue();
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }
}
