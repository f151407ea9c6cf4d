package org.symbi.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The room's policy: the user's copy in the data directory (created from the shipped default on first run).
 * A copy that does not parse is refused with its file and line, and the last good policy stays in force,
 * also across restarts, because each accepted copy is saved beside it.
 */
public final class PolicyStore {
    public static final String DEFAULT_RESOURCE = "/policies/default-policy.json";
    public static final String FILE_NAME = "policy.json";
    private static final String LAST_GOOD = "policy.last-good.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private final Path file;
    private final Path lastGood;
    private volatile Policy current;
    private volatile PolicyException lastError;

    /** Opens the policy in {@code dir}, copying the shipped default there if there is none. */
    public PolicyStore(Path dir) {
        this.file = dir.resolve(FILE_NAME);
        this.lastGood = dir.resolve(LAST_GOOD);
        try {
            Files.createDirectories(dir);
            if (!Files.exists(file)) {
                try (InputStream in = shipped()) {
                    Files.copy(in, file);
                }
            }
        } catch (IOException e) {
            throw new PolicyException("cannot create the policy file " + file + ": " + e.getMessage(), e);
        }
        try {
            reload();
        } catch (PolicyException e) {
            current = Files.exists(lastGood) ? parse(lastGood) : shippedDefault();
        }
    }

    /** The shipped default policy. */
    public static Policy shippedDefault() {
        try (InputStream in = shipped()) {
            return new Policy(JSON.readValue(in, PolicyDocument.class));
        } catch (IOException e) {
            throw new IllegalStateException("the shipped default policy is broken: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the user's copy again. On failure the previous policy stays in force and the error is kept for
     * {@link #lastError()}.
     */
    public Policy reload() {
        try {
            Policy parsed = parse(file);
            Files.copy(file, lastGood, StandardCopyOption.REPLACE_EXISTING);
            current = parsed;
            lastError = null;
            return parsed;
        } catch (PolicyException e) {
            lastError = e;
            throw e;
        } catch (IOException e) {
            throw new PolicyException("cannot save the accepted policy to " + lastGood + ": " + e.getMessage(), e);
        }
    }

    public Policy current() {
        return current;
    }

    /** Why the user's copy was last refused, or null if it is in force. */
    public PolicyException lastError() {
        return lastError;
    }

    public Path file() {
        return file;
    }

    /** Parses a policy file; errors say which file and line. */
    public static Policy parse(Path path) {
        try {
            return new Policy(JSON.readValue(Files.readString(path), PolicyDocument.class));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            String cause = rootMessage(e);
            throw new PolicyException("policy file " + path + (line > 0 ? " line " + line : "") + ": " + cause, e);
        } catch (IllegalArgumentException e) {
            throw new PolicyException("policy file " + path + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new PolicyException("cannot read policy file " + path + ": " + e.getMessage(), e);
        }
    }

    private static String rootMessage(JsonProcessingException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t instanceof JsonProcessingException j ? j.getOriginalMessage() : t.getMessage();
    }

    private static InputStream shipped() {
        InputStream in = PolicyStore.class.getResourceAsStream(DEFAULT_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("the default policy " + DEFAULT_RESOURCE + " is missing from the class path");
        }
        return in;
    }
}
