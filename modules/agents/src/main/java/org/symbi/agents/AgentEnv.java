package org.symbi.agents;

import org.symbi.agents.llm.LlmClient;
import org.symbi.agents.llm.LlmConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A built-in agent's settings, read from its environment (the supervisor passes a template's {@code env}):
 * typed, with defaults, and with errors that name the variable and what it should look like.
 */
public final class AgentEnv {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    /** The room's data directory, where agents find their configuration files by default. */
    public static final String DATA_DIR = "SYMBI_DATA_DIR";

    private final Map<String, String> values;

    public AgentEnv(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The process's own environment. */
    public static AgentEnv system() {
        return new AgentEnv(System.getenv());
    }

    /** Every variable, for settings read as a whole (a language model's, {@code LlmConfig.resolve}). */
    public Map<String, String> values() {
        return values;
    }

    /** The value if it is set and not blank. */
    public Optional<String> find(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    /**
     * A file or directory of the agent's configuration: the path the variable names, else {@code name} in
     * the room's data directory ({@value #DATA_DIR}, which templates set to {@code {data_dir}}).
     *
     * @return empty when neither is set
     */
    public Optional<Path> dataFile(String variable, String name) {
        Optional<String> named = find(variable);
        if (named.isPresent()) {
            return named.map(Path::of);
        }
        return find(DATA_DIR).map(dir -> Path.of(dir).resolve(name));
    }

    /**
     * A configuration file that may be absent: the one the variable names, which must then exist, else
     * {@code name} in the data directory when it is there.
     *
     * @return empty when the variable is not set and the data directory has no such file
     * @throws IllegalArgumentException when the variable names no file
     */
    public Optional<Path> configFile(String variable, String name) {
        Optional<String> named = find(variable);
        if (named.isPresent()) {
            Path file = Path.of(named.get());
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(variable + " names " + file + ", which is not a file");
            }
            return Optional.of(file);
        }
        return dataFile(variable, name).filter(Files::isRegularFile);
    }

    /**
     * The language model the variables name ({@code SYMBI_LLM_PROVIDER}, {@code SYMBI_LLM_MODEL},
     * {@code SYMBI_LLM_BASE_URL}, {@code SYMBI_LLM_API_KEY_ENV}; see {@link LlmConfig#resolve}).
     *
     * @return empty when none is configured, or {@code SYMBI_LLM_PROVIDER} is {@code none}
     * @throws IllegalArgumentException when the provider is named but its settings are incomplete
     */
    public Optional<LlmConfig> languageModel() {
        return LlmConfig.resolve(values, List.of());
    }

    /**
     * The language model the variables name, opened: its key read from the variable the configuration names.
     *
     * @throws IllegalStateException when the key's variable is not set
     */
    public Optional<LlmClient> openLanguageModel() {
        return languageModel().map(c -> LlmClient.open(c, values));
    }

    public String require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(name + " is not set"));
    }

    public String text(String name, String fallback) {
        return find(name).orElse(fallback);
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h} or an ISO-8601 duration such as {@code PT30S}. */
    public Duration duration(String name, Duration fallback) {
        return find(name).map(v -> parseDuration(name, v)).orElse(fallback);
    }

    /**
     * Reads a duration as the settings write them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h} or
     * ISO-8601 ({@code PT30S}); longer than zero.
     *
     * @param name what the value is, for the message when it is wrong (a variable, a file's field)
     */
    public static Duration parseDuration(String name, String value) {
        Matcher m = SHORT_DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
        try {
            Duration d;
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            } else {
                d = Duration.parse(value.strip().toUpperCase(Locale.ROOT));
            }
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be longer than zero, got '" + value + "'");
            }
            return d;
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a duration such as 500ms, 30s, 5m, 2h or PT30S, got '"
                    + value + "'", e);
        }
    }

    /** A whole number at least {@code min}. */
    public int integer(String name, int fallback, int min) {
        return number(name, fallback, Integer::parseInt, n -> n >= min, "a whole number of at least " + min);
    }

    /** A fraction from 0 to 1. */
    public double fraction(String name, double fallback) {
        return number(name, fallback, Double::parseDouble, d -> d >= 0 && d <= 1, "a number from 0 to 1");
    }

    private <T> T number(String name, T fallback, Function<String, T> parse, Predicate<T> valid, String expected) {
        Optional<String> v = find(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            T n = parse.apply(v.get());
            if (valid.test(n)) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below, with what was expected
        }
        throw new IllegalArgumentException(name + " must be " + expected + ", got '" + v.get() + "'");
    }

    /** {@code true}/{@code false}, {@code yes}/{@code no}, {@code 1}/{@code 0}. */
    public boolean flag(String name, boolean fallback) {
        Optional<String> v = find(name);
        if (v.isEmpty()) {
            return fallback;
        }
        return switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + v.get() + "'");
        };
    }

    /** A comma-separated list, blanks dropped. */
    public List<String> list(String name, List<String> fallback) {
        Optional<String> v = find(name);
        if (v.isEmpty()) {
            return fallback;
        }
        return Arrays.stream(v.get().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
