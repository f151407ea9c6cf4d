package org.symbi.kernel.supervisor;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The placeholders a template's command and environment values may use, filled in when an agent starts:
 * {@code {java}} (the Java launcher of the JVM the room runs on), {@code {classpath}} (the room's own class
 * path, every entry absolute) and {@code {data_dir}} (the data directory). With them a template runs one of
 * the room's built-in agents in a process of its own, wherever the room is installed. Other text in braces
 * is left as it is: it may be meant for the agent.
 */
final class TemplateValues {
    private final Map<String, String> values;

    private TemplateValues(Map<String, String> values) {
        this.values = values;
    }

    /** The values of the JVM this room runs in, for agents on this data directory. */
    static TemplateValues ofThisRoom(Path dataDir) {
        Map<String, String> v = new LinkedHashMap<>();
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        v.put("{java}", Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java").toString());
        v.put("{classpath}", Arrays.stream(System.getProperty("java.class.path", "").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator)));
        v.put("{data_dir}", dataDir.toAbsolutePath().toString());
        return new TemplateValues(v);
    }

    String fill(String text) {
        String out = text;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    List<String> fill(List<String> texts) {
        return texts.stream().map(this::fill).toList();
    }

    Map<String, String> fill(Map<String, String> texts) {
        Map<String, String> out = new LinkedHashMap<>();
        texts.forEach((k, v) -> out.put(k, fill(v)));
        return out;
    }
}
