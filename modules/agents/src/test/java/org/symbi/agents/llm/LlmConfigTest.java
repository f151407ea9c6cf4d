package org.symbi.agents.llm;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LlmConfigTest {
    private static final LlmConfig SAVED = new LlmConfig(LlmKind.OLLAMA, "llama3.1", null, null);

    @Test
    void theEnvironmentWinsOverTheSettingsAndNoneTurnsModelsOff() {
        Map<String, String> env = Map.of(LlmConfig.ENV_PROVIDER, "openai", LlmConfig.ENV_MODEL, "gpt-4o-mini");
        LlmConfig chosen = LlmConfig.resolve(env, List.of(SAVED)).orElseThrow();
        assertThat(chosen.kind()).isEqualTo(LlmKind.OPENAI);
        assertThat(chosen.effectiveBaseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(chosen.effectiveKeyEnv()).isEqualTo("OPENAI_API_KEY");

        assertThat(LlmConfig.resolve(Map.of(), List.of(SAVED))).contains(SAVED);
        assertThat(LlmConfig.resolve(Map.of(LlmConfig.ENV_PROVIDER, "none"), List.of(SAVED))).isEmpty();
        assertThat(LlmConfig.resolve(Map.of(), List.of())).isEmpty();
    }

    @Test
    void anIncompleteEnvironmentSaysWhatIsMissing() {
        assertThatThrownBy(() -> LlmConfig.resolve(Map.of(LlmConfig.ENV_PROVIDER, "openai-compatible",
                LlmConfig.ENV_MODEL, "qwen2.5"), List.of()))
                .hasMessageContaining("SYMBI_LLM_PROVIDER=openai-compatible: OpenAI-compatible needs a base URL")
                .hasMessageContaining(LlmConfig.ENV_BASE_URL);
        assertThatThrownBy(() -> LlmConfig.resolve(Map.of(LlmConfig.ENV_PROVIDER, "gemini"), List.of()))
                .hasMessageContaining("unknown provider kind 'gemini'");
        assertThatThrownBy(() -> new LlmConfig(LlmKind.OPENAI, "gpt-4o", null, "sk-proj-abc123-def"))
                .hasMessageContaining("never the key itself");
        assertThatThrownBy(() -> new LlmConfig(LlmKind.OLLAMA, "llama3", "ftp://host", null))
                .hasMessageContaining("http:// or https://");
    }

    @Test
    void keysAreReadFromTheNamedVariable() {
        LlmConfig c = new LlmConfig(LlmKind.OPENAI_COMPATIBLE, "m", "http://localhost:8000/v1", "MY_KEY");
        assertThat(c.apiKey(Map.of("MY_KEY", "secret-value"))).isEqualTo("secret-value");
        assertThat(c.apiKey(Map.of())).as("an OpenAI-compatible server may need none").isNull();
        assertThat(c.describe()).isEqualTo("openai-compatible model m at http://localhost:8000/v1");
    }

    @Test
    void pricesMatchTheLongestPrefixAndLocalModelsAreFree() {
        PriceTable p = PriceTable.DEFAULT;
        assertThat(p.estimate(LlmKind.OPENAI, "gpt-4o-mini-2024-07-18", 1_000_000, 0)).hasValue(0.15);
        assertThat(p.estimate(LlmKind.OPENAI, "gpt-4o-2024-08-06", 0, 1_000_000)).hasValue(10.0);
        assertThat(p.estimate(LlmKind.OPENAI_COMPATIBLE, "openai/gpt-4.1-mini", 1_000_000, 1_000_000).getAsDouble())
                .isCloseTo(2.0, within(1e-9));
        assertThat(p.estimate(LlmKind.ANTHROPIC, "claude-opus-4-5-20251101", 1_000_000, 0)).hasValue(5.0);
        assertThat(p.estimate(LlmKind.ANTHROPIC, "claude-opus-4-1", 1_000_000, 0)).hasValue(15.0);
        assertThat(p.estimate(LlmKind.OLLAMA, "gpt-4o", 5_000, 5_000)).hasValue(0.0);
        assertThat(p.estimate(LlmKind.OPENAI_COMPATIBLE, "mystery-7b", 5_000, 5_000)).isEmpty();
    }

    @Test
    void budgetsComeFromTheEnvironment() {
        TaskBudget b = TaskBudget.fromEnvironment(Map.of(TaskBudget.ENV_TOKENS, "5000", TaskBudget.ENV_USD, "0.25"));
        assertThat(b.maxTokens()).isEqualTo(5000);
        assertThat(b.maxUsd()).isEqualTo(0.25);
        assertThat(TaskBudget.fromEnvironment(Map.of()).maxTokens()).isEqualTo(TaskBudget.DEFAULT_TOKENS);
        assertThatThrownBy(() -> TaskBudget.fromEnvironment(Map.of(TaskBudget.ENV_TOKENS, "lots")))
                .hasMessageContaining("must be a whole number");
    }
}
