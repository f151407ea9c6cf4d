package org.symbi.kernel.supervisor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.symbi.store.DataDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The agent templates a room knows: those shipped with the product ({@code /agents/} on the class path,
 * listed in {@code /agents/index}) and the user's own in the data directory's {@code agents/*.json}, which
 * replace a shipped one with the same id.
 */
public final class AgentTemplates {
    public static final String USER_FOLDER = "agents";
    private static final String SHIPPED_INDEX = "/agents/index";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<String, AgentTemplate> byId;

    private AgentTemplates(Map<String, AgentTemplate> byId) {
        this.byId = byId;
    }

    /** Shipped templates, then the data directory's; a malformed file fails the load, naming the file. */
    public static AgentTemplates load(DataDir dir) {
        Map<String, AgentTemplate> all = new TreeMap<>();
        shipped().forEach(t -> all.put(t.id(), t));
        Path folder = dir.resolve(USER_FOLDER);
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                    AgentTemplate t = parse(file.toString(), Files.readString(file));
                    all.put(t.id(), t);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the agent templates in " + folder, e);
            }
        }
        return new AgentTemplates(all);
    }

    /** One template from JSON text; {@code source} names the file in error messages. */
    public static AgentTemplate parse(String source, String json) {
        try {
            return JSON.readValue(json, AgentTemplate.class);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("agent template " + source + ": " + cause.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("agent template " + source + ": " + e.getOriginalMessage(), e);
        }
    }

    private static List<AgentTemplate> shipped() {
        String index = resource(SHIPPED_INDEX);
        if (index == null) {
            return List.of();
        }
        return index.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(name -> {
                    String text = resource("/agents/" + name);
                    if (text == null) {
                        throw new IllegalStateException("shipped agent template " + name + " is listed but missing");
                    }
                    return parse(name, text);
                }).toList();
    }

    private static String resource(String name) {
        try (InputStream in = AgentTemplates.class.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    public Optional<AgentTemplate> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The template with this id, or an error that lists the known ones. */
    public AgentTemplate get(String id) {
        AgentTemplate t = byId.get(id);
        if (t == null) {
            throw new IllegalArgumentException("unknown agent template '" + id + "'; known: "
                    + (byId.isEmpty() ? "none" : String.join(", ", byId.keySet())));
        }
        return t;
    }

    public Collection<AgentTemplate> all() {
        return byId.values();
    }
}
