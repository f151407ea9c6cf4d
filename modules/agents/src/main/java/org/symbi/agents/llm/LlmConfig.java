package org.symbi.agents.llm;

import org.symbi.protocol.ModelInfo;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which language model an agent calls. The API key itself is never part of the configuration: only the name
 * of the environment variable that holds it, read when the model is opened.
 *
 * @param baseUrl   where the API answers; null means the kind's usual address
 * @param apiKeyEnv the environment variable with the API key; null means the kind's usual one
 *                  ({@link LlmKind#defaultKeyEnv()})
 */
public record LlmConfig(LlmKind kind, String model, String baseUrl, String apiKeyEnv) {
    /** The provider's kind ({@code openai}, {@code openai-compatible}, {@code anthropic}, {@code ollama}) or {@code none}. */
    public static final String ENV_PROVIDER = "SYMBI_LLM_PROVIDER";
    public static final String ENV_MODEL = "SYMBI_LLM_MODEL";
    public static final String ENV_BASE_URL = "SYMBI_LLM_BASE_URL";
    /** The NAME of the variable holding the key, when it is not the kind's usual one. */
    public static final String ENV_API_KEY_ENV = "SYMBI_LLM_API_KEY_ENV";

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    public LlmConfig {
        if (kind == null) {
            throw new IllegalArgumentException("choose the kind of provider");
        }
        model = blankToNull(model);
        if (model == null) {
            throw new IllegalArgumentException(kind.label() + " needs the model name, e.g. gpt-4o-mini or llama3.1");
        }
        baseUrl = blankToNull(baseUrl);
        if (baseUrl == null && kind.defaultBaseUrl() == null) {
            throw new IllegalArgumentException(kind.label() + " needs a base URL, e.g. http://localhost:8000/v1");
        }
        if (baseUrl != null) {
            checkHttpUrl(baseUrl);
        }
        apiKeyEnv = blankToNull(apiKeyEnv);
        if (apiKeyEnv != null && !ENV_NAME.matcher(apiKeyEnv).matches()) {
            throw new IllegalArgumentException("for the API key, enter the environment variable's NAME (letters, "
                    + "digits, '_'), never the key itself");
        }
    }

    /**
     * The provider to use: the environment's when {@value #ENV_PROVIDER} is set ({@code none} turns models
     * off), else the first configured one (the room's settings), else none.
     */
    public static Optional<LlmConfig> resolve(Map<String, String> env, List<LlmConfig> configured) {
        String provider = blankToNull(env.get(ENV_PROVIDER));
        if (provider != null) {
            return provider.equalsIgnoreCase("none") ? Optional.empty() : Optional.of(fromEnvironment(env, provider));
        }
        return configured.stream().findFirst();
    }

    private static LlmConfig fromEnvironment(Map<String, String> env, String provider) {
        try {
            return new LlmConfig(LlmKind.fromWire(provider), env.get(ENV_MODEL), env.get(ENV_BASE_URL),
                    env.get(ENV_API_KEY_ENV));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENV_PROVIDER + "=" + provider + ": " + e.getMessage()
                    + " (set " + ENV_MODEL + ", " + ENV_BASE_URL + ", " + ENV_API_KEY_ENV + ")", e);
        }
    }

    /** Where the API is called: the base URL given, else the kind's usual one. */
    public String effectiveBaseUrl() {
        return baseUrl != null ? baseUrl : kind.defaultBaseUrl();
    }

    /** The variable the key is read from, or null when the kind uses none and none was named. */
    public String effectiveKeyEnv() {
        return apiKeyEnv != null ? apiKeyEnv : kind.defaultKeyEnv();
    }

    /**
     * Reads the API key from the environment.
     *
     * @return the key, or null when none is needed and none is set
     * @throws IllegalStateException when the kind needs a key and its variable is not set
     */
    public String apiKey(Map<String, String> env) {
        String name = effectiveKeyEnv();
        String key = name == null ? null : blankToNull(env.get(name));
        if (key == null && kind.needsKey()) {
            throw new IllegalStateException(kind.label() + " needs its API key in the environment variable " + name
                    + ", which is not set");
        }
        return key;
    }

    /** The model as an agent's card names it. */
    public ModelInfo modelInfo() {
        return new ModelInfo(kind.wire(), model, null);
    }

    /** Names the provider for people (messages, traces): never the key. */
    public String describe() {
        return kind.wire() + " model " + model + " at " + effectiveBaseUrl();
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

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
