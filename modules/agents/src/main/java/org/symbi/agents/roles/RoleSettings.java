package org.symbi.agents.roles;

import org.symbi.agents.AgentEnv;

import java.util.List;

/**
 * A role from an agent template: what the role is called, the prompt that says what it does and the
 * capabilities it takes tasks for. Its model is configured as every agent's is ({@code SYMBI_LLM_*}).
 *
 * @param role         the role's name ({@code SYMBI_ROLE})
 * @param prompt       the instructions the model gets with every task ({@code SYMBI_ROLE_PROMPT})
 * @param capabilities what the role takes tasks for ({@code SYMBI_CAPABILITIES}, comma-separated)
 */
public record RoleSettings(String role, String prompt, List<String> capabilities) {

    public RoleSettings {
        capabilities = List.copyOf(capabilities);
    }

    public static RoleSettings from(AgentEnv env) {
        List<String> capabilities = env.list("SYMBI_CAPABILITIES", List.of());
        if (capabilities.isEmpty()) {
            throw new IllegalArgumentException("SYMBI_CAPABILITIES must name what the role takes tasks for");
        }
        return new RoleSettings(env.text("SYMBI_ROLE", capabilities.getFirst()), env.require("SYMBI_ROLE_PROMPT"),
                capabilities);
    }
}
