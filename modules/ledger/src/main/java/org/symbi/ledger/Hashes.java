package org.symbi.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 and the RFC 9162 leaf and node hashes. */
final class Hashes {
    static final int SIZE = 32;
    private static final HexFormat HEX = HexFormat.of();
    /** One digest per thread: getInstance is a provider lookup, too slow for a hash per tree node. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    });

    private Hashes() {
    }

    static byte[] sha256(byte[] data) {
        return SHA256.get().digest(data);
    }

    /** RFC 9162 §2.1.1: SHA-256(0x00 ‖ entry). */
    static byte[] leaf(byte[] entry) {
        MessageDigest md = SHA256.get();
        md.update((byte) 0x00);
        md.update(entry);
        return md.digest();
    }

    /** RFC 9162 §2.1.1: SHA-256(0x01 ‖ left ‖ right). */
    static byte[] node(byte[] left, byte[] right) {
        MessageDigest md = SHA256.get();
        md.update((byte) 0x01);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    /** The root of the empty tree: SHA-256 of nothing. */
    static byte[] emptyRoot() {
        return sha256(new byte[0]);
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** Lower-case hex of exactly 32 bytes; anything else (upper case included) is refused, so one hash has one spelling. */
    static byte[] parseHash(String hex) {
        if (hex == null || hex.length() != 2 * SIZE || !hex.equals(hex.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256 hash: " + hex);
        }
        return HEX.parseHex(hex);
    }
}
