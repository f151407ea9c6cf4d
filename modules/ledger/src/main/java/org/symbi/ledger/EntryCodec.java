package org.symbi.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.protocol.AgentTrustReceipt;
import org.symbi.protocol.CanonicalJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** The entry format of docs/ledger.md: building the canonical bytes and reading them back strictly. */
final class EntryCodec {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int VERSION = 1;
    private static final Set<String> FIELDS = Set.of("v", "seq", "time", "actor", "action", "subject", "outcome",
            "payload", "context_hash", "countersignature");
    private static final Set<String> COUNTERSIGNATURE_FIELDS = Set.of("agent_id", "public_key", "signature");

    private EntryCodec() {
    }

    /** RFC 8785 canonical UTF-8 bytes of a JSON value. */
    static byte[] canonical(JsonNode node) {
        return CanonicalJson.bytes(node);
    }

    static ObjectNode signedPart(String actor, String action, String subject, String outcome, JsonNode payload) {
        return AgentTrustReceipt.statement(actor, action, subject, outcome, payload);
    }

    /** The canonical bytes of the entry the draft becomes at {@code seq}. */
    static byte[] encode(EntryDraft d, long seq, Instant time, byte[] contextHash) {
        ObjectNode o = signedPart(d.actor(), d.action(), d.subject(), d.outcome(), d.payload());
        o.put("v", VERSION).put("seq", seq).put("time", time.toString()).put("context_hash", Hashes.hex(contextHash));
        Countersignature c = d.countersignature();
        if (c != null) {
            o.putObject("countersignature").put("agent_id", c.agentId()).put("public_key", c.publicKey())
                    .put("signature", c.signature());
        }
        return canonical(o);
    }

    /** Reads canonical bytes back; throws IllegalArgumentException naming what is malformed. */
    static LedgerEntry decode(byte[] canonical, byte[] leafHash) {
        JsonNode o;
        try {
            o = JSON.readTree(canonical);
        } catch (IOException e) {
            throw new IllegalArgumentException("entry is not JSON: " + e.getMessage(), e);
        }
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("entry is not a JSON object");
        }
        o.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("entry has an unknown field " + f);
            }
        });
        if (!o.path("v").isInt() || o.get("v").intValue() != VERSION) {
            throw new IllegalArgumentException("entry format version is not " + VERSION);
        }
        if (!o.path("seq").canConvertToExactIntegral() || !o.path("seq").canConvertToLong()) {
            throw new IllegalArgumentException("entry seq is not an integer");
        }
        if (!o.has("payload")) {
            throw new IllegalArgumentException("entry has no payload");
        }
        Instant time;
        try {
            time = Instant.parse(text(o, "time"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("entry time is not an instant", e);
        }
        Hashes.parseHash(text(o, "context_hash"));
        return new LedgerEntry(o.get("seq").longValue(), time, text(o, "actor"), text(o, "action"), text(o, "subject"),
                text(o, "outcome"), o.get("payload"), text(o, "context_hash"), countersignature(o.get("countersignature")),
                new String(canonical, StandardCharsets.UTF_8), Hashes.hex(leafHash));
    }

    private static Countersignature countersignature(JsonNode c) {
        if (c == null) {
            return null;
        }
        if (!c.isObject() || c.size() != COUNTERSIGNATURE_FIELDS.size()) {
            throw new IllegalArgumentException("entry countersignature is malformed");
        }
        return new Countersignature(text(c, "agent_id"), text(c, "public_key"), text(c, "signature"));
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("entry field " + field + " is missing or not a string");
        }
        return v.textValue();
    }

    static String toJson(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
