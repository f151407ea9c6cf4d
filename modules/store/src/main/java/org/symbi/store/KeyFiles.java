package org.symbi.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 key pairs kept as files: {@code NAME.key} (PKCS#8, owner-only) and {@code NAME.pub} (X.509
 * SubjectPublicKeyInfo), both base64 text, so that a public key can be handed to anyone who verifies.
 */
public final class KeyFiles {
    public static final String ALGORITHM = "Ed25519";

    private KeyFiles() {
    }

    /** Loads the key pair {@code dir/NAME.key|.pub}, generating it on first use. */
    public static KeyPair loadOrCreate(Path dir, String name) {
        Path priv = dir.resolve(name + ".key");
        Path pub = dir.resolve(name + ".pub");
        try {
            if (Files.exists(priv)) {
                return new KeyPair(readPublic(pub), readPrivate(priv));
            }
            Files.createDirectories(dir);
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            writeOwnerOnly(priv, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            Files.writeString(pub, encodePublic(pair.getPublic()) + "\n");
            return pair;
        } catch (IOException | GeneralSecurityException e) {
            throw new StoreException("cannot load or create the key pair " + priv + ": " + e.getMessage(), e);
        }
    }

    public static PublicKey readPublic(Path file) throws IOException {
        return decodePublic(Files.readString(file).trim());
    }

    public static String encodePublic(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** A public key from base64 X.509 text, as written in {@code .pub} files. */
    public static PublicKey decodePublic(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    private static PrivateKey readPrivate(Path file) throws IOException, GeneralSecurityException {
        byte[] der = Base64.getDecoder().decode(Files.readString(file).trim());
        return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /** Writes a file that only its owner can read, creating it with those permissions (no window). */
    public static void writeOwnerOnly(Path file, String text) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, text + "\n", StandardOpenOption.TRUNCATE_EXISTING);
    }
}
