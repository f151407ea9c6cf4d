package org.symbi.ledger;

import java.util.Base64;

/** Decoders that accept one spelling per value, so that no changed character can leave a value unchanged. */
final class Strict {
    private Strict() {
    }

    /** Standard padded base64 whose re-encoding is the same text (Java's decoder ignores the unused low bits). */
    static byte[] base64(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad base64: " + e.getMessage(), e);
        }
        if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
            throw new IllegalArgumentException("non-canonical base64: " + text);
        }
        return bytes;
    }

    /** A decimal without sign or leading zeroes. */
    static long decimal(String text) {
        if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || text.length() > 1 && text.charAt(0) == '0') {
            throw new IllegalArgumentException("not a plain decimal: " + text);
        }
        return Long.parseLong(text);
    }
}
