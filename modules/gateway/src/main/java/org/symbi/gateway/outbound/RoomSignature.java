package org.symbi.gateway.outbound;

import org.symbi.store.DataDir;
import org.symbi.store.KeyFiles;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * How the room proves to an agent that a request came from it: an Ed25519 signature with the ledger's key
 * over {@code timestamp + "\n" + body}, sent as {@code X-Symbi-Timestamp} and
 * {@code X-Symbi-Signature: ed25519=<base64>}. Agents verify with the key served at {@code GET /api/room};
 * the timestamp lets them refuse replays of old requests.
 */
public final class RoomSignature {
    public static final String TIMESTAMP_HEADER = "X-Symbi-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Symbi-Signature";
    private static final String SCHEME = "ed25519=";

    private final KeyPair keys;

    public RoomSignature(KeyPair keys) {
        this.keys = keys;
    }

    /** The ledger's key pair of a data directory: the same key that signs checkpoints. */
    public static RoomSignature ofDataDir(DataDir dir) {
        return new RoomSignature(KeyFiles.loadOrCreate(dir.resolve("keys"), "ledger"));
    }

    public PublicKey publicKey() {
        return keys.getPublic();
    }

    /** The value of {@value #SIGNATURE_HEADER} for this timestamp and body. */
    public String sign(long timestampMillis, String body) {
        try {
            Signature s = Signature.getInstance(KeyFiles.ALGORITHM);
            s.initSign(keys.getPrivate());
            s.update(signedText(timestampMillis, body));
            return SCHEME + Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** What an agent does on receipt: true when {@code header} signs this timestamp and body under {@code key}. */
    public static boolean verify(PublicKey key, String timestamp, String body, String header) {
        if (timestamp == null || header == null || !header.startsWith(SCHEME)) {
            return false;
        }
        try {
            long at = Long.parseLong(timestamp);
            Signature s = Signature.getInstance(KeyFiles.ALGORITHM);
            s.initVerify(key);
            s.update(signedText(at, body));
            return s.verify(Base64.getDecoder().decode(header.substring(SCHEME.length())));
        } catch (IllegalArgumentException | GeneralSecurityException badNumberBase64OrKey) {
            return false;
        }
    }

    private static byte[] signedText(long timestampMillis, String body) {
        return (timestampMillis + "\n" + body).getBytes(StandardCharsets.UTF_8);
    }
}
