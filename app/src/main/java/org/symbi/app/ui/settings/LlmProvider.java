package org.symbi.app.ui.settings;

import org.symbi.agents.llm.LlmConfig;
import org.symbi.agents.llm.LlmKind;

/**
 * A language model the planner may use. The API key itself is never stored: only the name of the environment
 * variable that holds it, read when the model is called. The checks are those of the agents' {@link LlmConfig},
 * which this maps onto, plus one: a kind that needs a key has its variable named here.
 *
 * @param baseUrl   where the API answers; null means the kind's usual address
 * @param apiKeyEnv the environment variable with the API key, e.g. {@code OPENAI_API_KEY}; null for a local
 *                  server that needs none
 */
public record LlmProvider(Kind kind, String model, String baseUrl, String apiKeyEnv) {

    /** Which API the provider speaks. */
    public enum Kind {
        OPENAI(LlmKind.OPENAI),
        OPENAI_COMPATIBLE(LlmKind.OPENAI_COMPATIBLE),
        ANTHROPIC(LlmKind.ANTHROPIC),
        OLLAMA(LlmKind.OLLAMA);

        private final LlmKind llm;

        Kind(LlmKind llm) {
            this.llm = llm;
        }

        public String label() {
            return llm.label();
        }

        /** The name in {@code settings.json}. */
        public String wire() {
            return llm.wire();
        }

        /** The usual address, or null when there is none and the base URL must be given. */
        public String defaultBaseUrl() {
            return llm.defaultBaseUrl();
        }

        public boolean needsKey() {
            return llm.needsKey();
        }

        public static Kind fromWire(String text) {
            return valueOf(LlmKind.fromWire(text).name());
        }
    }

    public LlmProvider {
        if (kind == null) {
            throw new IllegalArgumentException("choose the kind of provider");
        }
        LlmConfig checked = new LlmConfig(kind.llm, model, baseUrl, apiKeyEnv);
        model = checked.model();
        baseUrl = checked.baseUrl();
        apiKeyEnv = checked.apiKeyEnv();
        if (apiKeyEnv == null && kind.needsKey()) {
            throw new IllegalArgumentException(kind.label() + " needs the name of the environment variable that "
                    + "holds its API key, e.g. " + kind.name() + "_API_KEY");
        }
    }

    /** Where the provider is called: the base URL given, else the kind's usual one. */
    public String effectiveBaseUrl() {
        return toConfig().effectiveBaseUrl();
    }

    /** The configuration the agents open the model with. */
    public LlmConfig toConfig() {
        return new LlmConfig(kind.llm, model, baseUrl, apiKeyEnv);
    }
}
