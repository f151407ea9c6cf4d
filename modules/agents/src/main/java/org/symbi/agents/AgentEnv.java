package org.symbi.agents;

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

    public String require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(name + " is not set"));
    }

    public String text(String name, String fallback) {
        return find(name).orElse(fallback);
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h} or an ISO-8601 duration such as {@code PT30S}. */
    public Duration duration(String name, Duration fallback) {
        Optional<String> v = find(name);
        if (v.isEmpty()) {
            return fallback;
        }
        Matcher m = SHORT_DURATION.matcher(v.get().toLowerCase(Locale.ROOT));
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
                d = Duration.parse(v.get().toUpperCase(Locale.ROOT));
            }
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be longer than zero, got '" + v.get() + "'");
            }
            return d;
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a duration such as 500ms, 30s, 5m, 2h or PT30S, got '"
                    + v.get() + "'", e);
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
