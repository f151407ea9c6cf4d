package org.symbi.ledger;

import org.symbi.protocol.Ed25519;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A signed tree head as a C2SP checkpoint (c2sp.org/tlog-checkpoint) in a signed note (c2sp.org/signed-note):
 * <pre>
 * origin
 * tree size
 * base64 root hash
 * time ISO-8601-instant
 *
 * — origin base64(key id ‖ Ed25519 signature of the four lines above, each ending in a newline)
 * </pre>
 *
 * @param rootHash hex
 * @param note     the whole note text, as stored, filed and put into receipts
 */
public record SignedCheckpoint(String origin, long treeSize, String rootHash, Instant time, String note) {
    private static final String DASH = "\u2014 ";
    private static final String TIME = "time ";

    /** Signs the tree head; the key name is the origin. */
    static SignedCheckpoint sign(String origin, long size, byte[] root, Instant time, PrivateKey key, PublicKey pub) {
        String text = origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n" + TIME + time + "\n";
        byte[] sig = Ed25519.sign(key, text.getBytes(StandardCharsets.UTF_8));
        byte[] keyHashAndSig = ByteBuffer.allocate(4 + sig.length).put(keyId(origin, pub)).put(sig).array();
        String note = text + "\n" + DASH + origin + " " + Base64.getEncoder().encodeToString(keyHashAndSig) + "\n";
        return new SignedCheckpoint(origin, size, Hashes.hex(root), time, note);
    }

    /** The signed-note key id of an Ed25519 key: SHA-256(name ‖ 0x0A ‖ 0x01 ‖ 32-byte key)[:4]. */
    static byte[] keyId(String name, PublicKey key) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] raw = Ed25519.raw(key);
        byte[] in = ByteBuffer.allocate(n.length + 2 + raw.length).put(n).put((byte) 0x0A).put((byte) 0x01).put(raw).array();
        return Arrays.copyOf(Hashes.sha256(in), 4);
    }

    /**
     * Parses a note and checks it strictly: the checkpoint body with exactly one {@code time} extension line, and a
     * valid signature by {@code key} under the name of the origin (signatures by other keys are ignored, as the
     * signed-note spec requires). Throws IllegalArgumentException saying what is wrong.
     */
    public static SignedCheckpoint parse(String note, PublicKey key) {
        if (note.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
            throw new IllegalArgumentException("checkpoint contains control characters");
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            throw new IllegalArgumentException("checkpoint has no signature block");
        }
        String text = note.substring(0, split + 1);
        String[] lines = text.split("\n", -1);
        if (lines.length != 5 || !lines[4].isEmpty()) {
            throw new IllegalArgumentException("checkpoint text must have 4 lines: origin, size, root, time");
        }
        String origin = lines[0];
        if (origin.isEmpty() || origin.chars().anyMatch(c -> Character.isWhitespace(c) || c == '+')) {
            throw new IllegalArgumentException("checkpoint origin is empty or has spaces or '+'");
        }
        long size = Strict.decimal(lines[1]);
        byte[] root = Strict.base64(lines[2]);
        if (root.length != Hashes.SIZE) {
            throw new IllegalArgumentException("checkpoint root is not 32 bytes");
        }
        Instant time = parseTime(lines[3]);
        byte[] id = keyId(origin, key);
        boolean signed = false;
        for (String line : note.substring(split + 2, note.length() - 1).split("\n", -1)) {
            String[] parts = line.startsWith(DASH) ? line.substring(DASH.length()).split(" ", -1) : new String[0];
            if (parts.length != 2 || parts[0].isEmpty()) {
                throw new IllegalArgumentException("malformed checkpoint signature line");
            }
            byte[] sig = Strict.base64(parts[1]);
            if (!parts[0].equals(origin) || sig.length < 4 || !Arrays.equals(Arrays.copyOf(sig, 4), id)) {
                continue; // someone else's signature (a witness, or an old key): not ours to judge
            }
            if (!Ed25519.verify(key, text.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(sig, 4, sig.length))) {
                throw new IllegalArgumentException("checkpoint signature does not verify");
            }
            signed = true;
        }
        if (!signed) {
            throw new IllegalArgumentException("checkpoint carries no signature by the ledger key");
        }
        return new SignedCheckpoint(origin, size, Hashes.hex(root), time, note);
    }

    private static Instant parseTime(String line) {
        if (!line.startsWith(TIME)) {
            throw new IllegalArgumentException("checkpoint extension line is not a time");
        }
        try {
            Instant t = Instant.parse(line.substring(TIME.length()));
            if (!t.toString().equals(line.substring(TIME.length()))) {
                throw new IllegalArgumentException("checkpoint time is not in its canonical form");
            }
            return t;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("checkpoint time is not an instant", e);
        }
    }

    /** The signature line's value: base64(key id ‖ signature), as receipts quote it. */
    String signatureValue() {
        int start = note.lastIndexOf("\n\n") + 2 + DASH.length() + origin.length() + 1;
        return note.substring(start, note.indexOf('\n', start));
    }
}
