package org.symbi.agents.llm;

/** Which API a language model speaks. The wire names are those of the room's {@code settings.json}. */
public enum LlmKind {
    OPENAI("OpenAI", "openai", "https://api.openai.com/v1", "OPENAI_API_KEY", true),
    OPENAI_COMPATIBLE("OpenAI-compatible", "openai-compatible", null, "SYMBI_LLM_API_KEY", false),
    ANTHROPIC("Anthropic", "anthropic", "https://api.anthropic.com", "ANTHROPIC_API_KEY", true),
    OLLAMA("Ollama", "ollama", "http://localhost:11434", null, false);

    private final String label;
    private final String wire;
    private final String defaultBaseUrl;
    private final String defaultKeyEnv;
    private final boolean needsKey;

    LlmKind(String label, String wire, String defaultBaseUrl, String defaultKeyEnv, boolean needsKey) {
        this.label = label;
        this.wire = wire;
        this.defaultBaseUrl = defaultBaseUrl;
        this.defaultKeyEnv = defaultKeyEnv;
        this.needsKey = needsKey;
    }

    public String label() {
        return label;
    }

    public String wire() {
        return wire;
    }

    /** The usual address, or null when there is none and a base URL must be given. */
    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** The environment variable read for the key when none is named, or null when the kind uses none. */
    public String defaultKeyEnv() {
        return defaultKeyEnv;
    }

    public boolean needsKey() {
        return needsKey;
    }

    public static LlmKind fromWire(String text) {
        for (LlmKind k : values()) {
            if (k.wire.equalsIgnoreCase(text == null ? "" : text.strip())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown provider kind '" + text
                + "' (openai, openai-compatible, anthropic or ollama)");
    }
}
