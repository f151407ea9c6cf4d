package org.symbi.ledger;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A recorded entry. {@code canonicalJson} is exactly what the Merkle leaf hashes (as UTF-8); the other fields
 * are read from it.
 *
 * @param contextHash hex root of the ledger's tree just before this entry (the first entry's is SHA-256 of nothing)
 * @param leafHash    hex SHA-256(0x00 ‖ canonical bytes)
 */
public record LedgerEntry(long seq, Instant time, String actor, String action, String subject, String outcome,
                          JsonNode payload, String contextHash, Countersignature countersignature,
                          String canonicalJson, String leafHash) {

    public byte[] canonicalBytes() {
        return canonicalJson.getBytes(StandardCharsets.UTF_8);
    }
}
