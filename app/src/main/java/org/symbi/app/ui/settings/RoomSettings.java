package org.symbi.app.ui.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.app.ui.kit.Theme;
import org.symbi.store.DataDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The room's own settings, kept as {@code settings.json} in the data directory: where the gateway listens and
 * the keystore it serves TLS with (used at the next start; the keystore's password stays in the environment
 * variable {@code SYMBI_KEYSTORE_PASSWORD}), the theme, the language models the planner may use, and the
 * working tree the last request was about (offered for the next one). Written atomically
 * (a temporary file moved over the old one). A file that cannot be read is never deleted: the room runs on
 * defaults and says why, and the next save first moves the unreadable file aside.
 */
public record RoomSettings(String gatewayHost, int gatewayPort, String gatewayKeystore, Theme theme,
                           List<LlmProvider> llmProviders, String lastRepository) {
    public static final String FILE_NAME = "settings.json";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7420;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Saves from the view and from the shell's theme toggle run on different threads; one at a time. */
    private static final Object WRITING = new Object();

    public RoomSettings {
        if (gatewayHost == null || gatewayHost.isBlank() || gatewayHost.strip().chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("the gateway host must be an address or name without spaces, "
                    + "e.g. 127.0.0.1 or 0.0.0.0");
        }
        if (gatewayPort < 0 || gatewayPort > 65535) {
            throw new IllegalArgumentException("the gateway port must be from 1 to 65535 (0: any free port), not "
                    + gatewayPort);
        }
        gatewayHost = gatewayHost.strip();
        gatewayKeystore = gatewayKeystore == null || gatewayKeystore.isBlank() ? null : gatewayKeystore.strip();
        theme = theme == null ? Theme.DARK : theme;
        llmProviders = llmProviders == null ? List.of() : List.copyOf(llmProviders);
        lastRepository = lastRepository == null || lastRepository.isBlank() ? null : lastRepository.strip();
    }

    public RoomSettings(String gatewayHost, int gatewayPort, Theme theme, List<LlmProvider> llmProviders) {
        this(gatewayHost, gatewayPort, null, theme, llmProviders, null);
    }

    public static RoomSettings defaults() {
        return new RoomSettings(DEFAULT_HOST, DEFAULT_PORT, Theme.DARK, List.of());
    }

    /**
     * What was read: the settings, and why the file could not be used (or what happened to it) when that
     * needs saying.
     */
    public record Loaded(RoomSettings settings, Optional<String> problem) {
    }

    /** @param keystore the keystore's path, or null to serve without TLS */
    public RoomSettings withGateway(String host, int port, String keystore) {
        return new RoomSettings(host, port, keystore, theme, llmProviders, lastRepository);
    }

    public RoomSettings withTheme(Theme newTheme) {
        return new RoomSettings(gatewayHost, gatewayPort, gatewayKeystore, newTheme, llmProviders, lastRepository);
    }

    public RoomSettings withLlmProviders(List<LlmProvider> providers) {
        return new RoomSettings(gatewayHost, gatewayPort, gatewayKeystore, theme, providers, lastRepository);
    }

    /** @param worktree the working tree a request was just made about */
    public RoomSettings withLastRepository(String worktree) {
        return new RoomSettings(gatewayHost, gatewayPort, gatewayKeystore, theme, llmProviders, worktree);
    }

    public static Path file(DataDir dir) {
        return dir.resolve(FILE_NAME);
    }

    /** Reads the settings; no file means defaults, an unreadable one means defaults and the reason. */
    public static Loaded load(DataDir dir) {
        Path file = file(dir);
        try {
            return new Loaded(parse(Files.readString(file, StandardCharsets.UTF_8)), Optional.empty());
        } catch (NoSuchFileException absent) {
            return new Loaded(defaults(), Optional.empty());
        } catch (IOException | IllegalArgumentException e) {
            return new Loaded(defaults(), Optional.of(file + " cannot be used (" + e.getMessage()
                    + "); the room uses default settings until you save new ones, which keeps that file aside"));
        }
    }

    /**
     * Changes the saved settings. When the file on disk cannot be read, it is first moved aside (never
     * deleted) and the change applies to the defaults; the result then says where the old file went.
     */
    public static Loaded update(DataDir dir, UnaryOperator<RoomSettings> change) throws IOException {
        synchronized (WRITING) {
            Loaded current = load(dir);
            Optional<String> note = Optional.empty();
            if (current.problem().isPresent()) {
                Path kept = keepAside(file(dir));
                note = Optional.of("the unreadable settings file was kept as " + kept.getFileName());
            }
            RoomSettings changed = change.apply(current.settings());
            changed.save(dir);
            return new Loaded(changed, note);
        }
    }

    /** Writes these settings: a temporary file beside {@code settings.json}, then moved over it. */
    public void save(DataDir dir) throws IOException {
        Path file = file(dir);
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
        try {
            Files.writeString(temp, toJson(), StandardCharsets.UTF_8);
            moveIntoPlace(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Replaces {@code file} by {@code temp} in one step where the file system can, so no reader sees half. */
    static void moveIntoPlace(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path keepAside(Path file) throws IOException {
        String stamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(':', '-');
        Path kept = file.resolveSibling(FILE_NAME + ".corrupt-" + stamp);
        for (int n = 2; Files.exists(kept); n++) {
            kept = file.resolveSibling(FILE_NAME + ".corrupt-" + stamp + "-" + n);
        }
        return Files.move(file, kept);
    }

    String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode gateway = root.putObject("gateway").put("host", gatewayHost).put("port", gatewayPort);
        if (gatewayKeystore != null) {
            gateway.put("keystore", gatewayKeystore);
        }
        root.put("theme", theme.name().toLowerCase(Locale.ROOT));
        ArrayNode providers = root.putArray("llm_providers");
        for (LlmProvider p : llmProviders) {
            providers.addObject().put("kind", p.kind().wire()).put("model", p.model())
                    .put("base_url", p.baseUrl()).put("api_key_env", p.apiKeyEnv());
        }
        if (lastRepository != null) {
            root.putObject("requests").put("last_repository", lastRepository);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("settings cannot be written as JSON", e);
        }
    }

    /** Parses the file's text; missing fields take their defaults, unknown ones are left alone. */
    static RoomSettings parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new IllegalArgumentException((line > 0 ? "line " + line + ": " : "") + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("it is not a JSON object");
        }
        RoomSettings d = defaults();
        JsonNode gateway = root.path("gateway");
        String host = gateway.has("host") ? text(gateway, "gateway.host") : d.gatewayHost();
        int port = d.gatewayPort();
        if (gateway.has("port")) {
            if (!gateway.get("port").canConvertToInt() || !gateway.get("port").isIntegralNumber()) {
                throw new IllegalArgumentException("gateway.port must be a whole number");
            }
            port = gateway.get("port").intValue();
        }
        Theme theme = d.theme();
        if (root.has("theme")) {
            String name = text(root, "theme");
            try {
                theme = Theme.valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("theme must be dark or light, not '" + name + "'", e);
            }
        }
        List<LlmProvider> providers = new ArrayList<>();
        for (JsonNode p : root.path("llm_providers")) {
            providers.add(new LlmProvider(LlmProvider.Kind.fromWire(text(p, "llm_providers.kind")),
                    optionalText(p, "model"), optionalText(p, "base_url"), optionalText(p, "api_key_env")));
        }
        String lastRepository = optionalText(root.path("requests"), "last_repository");
        return new RoomSettings(host, port, optionalText(gateway, "keystore"), theme, providers, lastRepository);
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name.substring(name.lastIndexOf('.') + 1));
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(name + " must be text");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
