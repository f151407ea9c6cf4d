package org.symbi.governance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.erdtman.jcs.JsonCanonicalizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a warrant use or an approval is bound to: the lowercase hex SHA-256 of the RFC 8785 canonical JSON of
 * {@code {"kind": kind, "args": args}}. Two actions share a hash exactly when they are the same action.
 */
public final class ActionBinding {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ActionBinding() {
    }

    /** The canonical UTF-8 text that is hashed, also what approvers are shown. */
    public static String canonical(String kind, com.fasterxml.jackson.databind.JsonNode args) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("kind", kind);
        doc.set("args", args);
        try {
            return new String(new JsonCanonicalizer(JSON.writeValueAsString(doc)).getEncodedUTF8(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("action arguments cannot be canonicalized: " + e.getMessage(), e);
        }
    }

    public static String hash(GatedAction action) {
        return hashOf(canonical(action.kind(), action.args()));
    }

    public static String hashOf(String canonical) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
