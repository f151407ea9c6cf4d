package org.symbi.app.ui.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A language model the planner may use. The API key itself is never stored: only the name of the environment
 * variable that holds it, read when the model is called.
 *
 * @param baseUrl   where the API answers; null means the kind's usual address
 * @param apiKeyEnv the environment variable with the API key, e.g. {@code OPENAI_API_KEY}; null for a local
 *                  server that needs none
 */
public record LlmProvider(Kind kind, String model, String baseUrl, String apiKeyEnv) {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    /** Which API the provider speaks. */
    public enum Kind {
        OPENAI("OpenAI", "openai", "https://api.openai.com/v1", true),
        OPENAI_COMPATIBLE("OpenAI-compatible", "openai-compatible", null, false),
        ANTHROPIC("Anthropic", "anthropic", "https://api.anthropic.com", true),
        OLLAMA("Ollama", "ollama", "http://localhost:11434", false);

        private final String label;
        private final String wire;
        private final String defaultBaseUrl;
        private final boolean needsKey;

        Kind(String label, String wire, String defaultBaseUrl, boolean needsKey) {
            this.label = label;
            this.wire = wire;
            this.defaultBaseUrl = defaultBaseUrl;
            this.needsKey = needsKey;
        }

        public String label() {
            return label;
        }

        /** The name in {@code settings.json}. */
        public String wire() {
            return wire;
        }

        /** The usual address, or null when there is none and the base URL must be given. */
        public String defaultBaseUrl() {
            return defaultBaseUrl;
        }

        public boolean needsKey() {
            return needsKey;
        }

        public static Kind fromWire(String text) {
            for (Kind k : values()) {
                if (k.wire.equals(text)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown provider kind '" + text + "' (openai, openai-compatible, "
                    + "anthropic or ollama)");
        }
    }

    public LlmProvider {
        if (kind == null) {
            throw new IllegalArgumentException("choose the kind of provider");
        }
        model = blankToNull(model);
        if (model == null) {
            throw new IllegalArgumentException("enter the model name, e.g. gpt-4o or llama3.1");
        }
        baseUrl = blankToNull(baseUrl);
        if (baseUrl == null && kind.defaultBaseUrl() == null) {
            throw new IllegalArgumentException(kind.label() + " needs a base URL, e.g. http://localhost:8000/v1");
        }
        if (baseUrl != null) {
            checkHttpUrl(baseUrl);
        }
        apiKeyEnv = blankToNull(apiKeyEnv);
        if (apiKeyEnv == null && kind.needsKey()) {
            throw new IllegalArgumentException(kind.label() + " needs the name of the environment variable that "
                    + "holds its API key, e.g. " + kind.name() + "_API_KEY");
        }
        if (apiKeyEnv != null && !ENV_NAME.matcher(apiKeyEnv).matches()) {
            throw new IllegalArgumentException("'" + abbreviate(apiKeyEnv) + "' is not an environment variable name: "
                    + "enter the variable's NAME (letters, digits, '_'), never the key itself");
        }
    }

    /** Where the provider is called: the base URL given, else the kind's usual one. */
    public String effectiveBaseUrl() {
        return baseUrl != null ? baseUrl : kind.defaultBaseUrl();
    }

    private static void checkHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("the base URL must be an http:// or https:// address with a host, "
                        + "not '" + url + "'");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the base URL is not a URL: " + e.getMessage(), e);
        }
    }

    /** A mistyped key must not end up whole in an error message on screen. */
    private static String abbreviate(String text) {
        return text.length() <= 12 ? text : text.substring(0, 6) + "…";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
