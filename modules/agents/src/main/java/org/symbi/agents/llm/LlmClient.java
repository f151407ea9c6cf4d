package org.symbi.agents.llm;

import dev.langchain4j.model.chat.ChatModel;

import java.time.Duration;
import java.util.Map;

/**
 * A language model as the agents use it: one configured provider, opened once, called through
 * {@link LlmSession}s that trace every call and charge it to a task's budget. The API key is read from the
 * environment when the client opens and kept only inside the langchain4j client; every text this client
 * writes (trace steps, error messages) has the key masked, in case a provider echoes it.
 */
public final class LlmClient {
    static final String MASK = "[redacted]";
    /** Shorter values would mask ordinary words; real keys are far longer. */
    private static final int MIN_MASKED_LENGTH = 8;
    /** The wait before the first retry of a call that failed for a passing reason; doubled before the next. */
    static final Duration RETRY_DELAY = Duration.ofSeconds(1);

    private final LlmConfig config;
    private final ChatModel model;
    private final PriceTable prices;
    private final String secret;
    private final Duration retryDelay;

    LlmClient(LlmConfig config, ChatModel model, PriceTable prices, String secret, Duration retryDelay) {
        this.config = config;
        this.model = model;
        this.prices = prices;
        this.secret = secret != null && secret.length() >= MIN_MASKED_LENGTH ? secret : null;
        this.retryDelay = retryDelay;
    }

    /**
     * Opens the configured provider.
     *
     * @param env the environment the key is read from
     * @throws IllegalStateException when the provider needs a key and its variable is not set
     */
    public static LlmClient open(LlmConfig config, Map<String, String> env) {
        String key = config.apiKey(env);
        return new LlmClient(config, ChatModels.open(config, key), PriceTable.DEFAULT, key, RETRY_DELAY);
    }

    public LlmConfig config() {
        return config;
    }

    /** Calls for one task: traced to {@code trace}, charged to {@code budget}. */
    public LlmSession session(String taskId, TaskBudget budget, TraceSink trace) {
        return new LlmSession(this, taskId, budget, trace);
    }

    ChatModel model() {
        return model;
    }

    Duration retryDelay() {
        return retryDelay;
    }

    PriceTable prices() {
        return prices;
    }

    /** The text with the API key masked wherever it appears. */
    String redact(String text) {
        return secret == null || text == null ? text : text.replace(secret, MASK);
    }
}
