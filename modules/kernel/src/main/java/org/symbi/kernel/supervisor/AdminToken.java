package org.symbi.kernel.supervisor;

import org.symbi.store.DataDir;
import org.symbi.store.KeyFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The secret that the admin API asks of its callers (the {@code symbi} command line on the same machine):
 * 256 random bits in the data directory's {@code admin.token}, readable by its owner only, so that whoever
 * can read the data directory may administer the room and nobody else can.
 */
public final class AdminToken {
    public static final String FILE = "admin.token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private AdminToken(String value) {
        this.value = value;
    }

    /** The data directory's token, created on first use. */
    public static AdminToken loadOrCreate(DataDir dir) {
        Path file = dir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                dir.ensureExists();
                byte[] secret = new byte[32];
                RANDOM.nextBytes(secret);
                try {
                    KeyFiles.writeOwnerOnly(file, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
                } catch (FileAlreadyExistsException raced) {
                    // Another process created it first: theirs is the token.
                }
            }
            return new AdminToken(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create or read the admin token " + file, e);
        }
    }

    /** The data directory's token if one was created, without creating it. */
    public static Optional<AdminToken> read(DataDir dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AdminToken(Files.readString(file).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the admin token " + file, e);
        }
    }

    /** The token's text, for the {@code Authorization: Bearer} header. */
    public String value() {
        return value;
    }

    /** Constant-time comparison, so that response timing does not reveal how much of a guess was right. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /** Never the secret itself, should a token end up in a log line. */
    @Override
    public String toString() {
        return "AdminToken[redacted]";
    }
}
