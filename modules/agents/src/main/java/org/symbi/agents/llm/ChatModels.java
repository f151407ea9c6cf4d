package org.symbi.agents.llm;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

import java.time.Duration;

/** Opens the langchain4j chat model for a configuration. */
final class ChatModels {
    static final Duration TIMEOUT = Duration.ofMinutes(2);
    /** Anthropic's API requires a bound on the answer. */
    static final int ANTHROPIC_MAX_TOKENS = 8192;
    /** Failed calls are retried by {@link LlmSession}, which traces each attempt and logs nothing. */
    private static final int RETRIES = 0;

    private ChatModels() {
    }

    /** @param apiKey the key read from the environment, or null for a server that needs none */
    static ChatModel open(LlmConfig config, String apiKey) {
        return switch (config.kind()) {
            case OPENAI, OPENAI_COMPATIBLE -> OpenAiChatModel.builder()
                    .baseUrl(config.effectiveBaseUrl())
                    // a local OpenAI-compatible server may need no key; the client still sends one
                    .apiKey(apiKey != null ? apiKey : "none")
                    .modelName(config.model())
                    .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                    .strictJsonSchema(true)
                    .timeout(TIMEOUT)
                    .maxRetries(RETRIES)
                    .build();
            case ANTHROPIC -> AnthropicChatModel.builder()
                    .baseUrl(anthropicBaseUrl(config.effectiveBaseUrl()))
                    .apiKey(apiKey)
                    .modelName(config.model())
                    .maxTokens(ANTHROPIC_MAX_TOKENS)
                    .timeout(TIMEOUT)
                    .maxRetries(RETRIES)
                    .build();
            case OLLAMA -> OllamaChatModel.builder()
                    .baseUrl(config.effectiveBaseUrl())
                    .modelName(config.model())
                    .timeout(TIMEOUT)
                    .maxRetries(RETRIES)
                    .build();
        };
    }

    /** The Anthropic client appends {@code messages} to its base URL, which must therefore end in {@code /v1/}. */
    static String anthropicBaseUrl(String url) {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return (base.endsWith("/v1") ? base : base + "/v1") + "/";
    }
}
