package org.symbi.agents.roles;

import org.symbi.agents.AgentEnv;

import java.time.Duration;
import java.util.List;

/**
 * A role from an agent template: what the role is called, the prompt that says what it does, the
 * capabilities it takes tasks for, and the model that does the work.
 *
 * @param role         the role's name ({@code SYMBI_ROLE})
 * @param prompt       the instructions the model gets with every task ({@code SYMBI_ROLE_PROMPT})
 * @param capabilities what the role takes tasks for ({@code SYMBI_CAPABILITIES}, comma-separated)
 * @param modelName    the model ({@code SYMBI_LLM_MODEL}); null when none is configured
 * @param baseUrl      an OpenAI-compatible endpoint ({@code SYMBI_LLM_BASE_URL}, OpenAI's own by default;
 *                     Ollama's is {@code http://localhost:11434/v1})
 * @param apiKey       the endpoint's key ({@code SYMBI_LLM_API_KEY}); null for endpoints that need none
 * @param timeout      how long one model call may take ({@code SYMBI_LLM_TIMEOUT}, 2 min)
 */
public record RoleSettings(String role, String prompt, List<String> capabilities, String modelName, String baseUrl,
                           String apiKey, Duration timeout) {

    public static RoleSettings from(AgentEnv env) {
        List<String> capabilities = env.list("SYMBI_CAPABILITIES", List.of());
        if (capabilities.isEmpty()) {
            throw new IllegalArgumentException("SYMBI_CAPABILITIES must name what the role takes tasks for");
        }
        return new RoleSettings(env.text("SYMBI_ROLE", capabilities.getFirst()), env.require("SYMBI_ROLE_PROMPT"),
                capabilities, env.find("SYMBI_LLM_MODEL").orElse(null),
                env.text("SYMBI_LLM_BASE_URL", "https://api.openai.com/v1"), env.find("SYMBI_LLM_API_KEY").orElse(null),
                env.duration("SYMBI_LLM_TIMEOUT", Duration.ofMinutes(2)));
    }

    /** Whether a model is configured; without one the role takes no tasks. */
    public boolean hasModel() {
        return modelName != null;
    }

    /** Never the key itself, should the settings end up in a log line. */
    @Override
    public String toString() {
        return "RoleSettings[role=" + role + ", capabilities=" + capabilities + ", model=" + modelName + " at "
                + baseUrl + (apiKey == null ? "" : ", key set") + "]";
    }
}
