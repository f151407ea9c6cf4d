package org.symbi.app.serve;

import org.symbi.agents.BuiltInTeam;
import org.symbi.agents.llm.LlmConfig;
import org.symbi.governance.AgentTokens;
import org.symbi.kernel.supervisor.RoomFile;
import org.symbi.store.DataDir;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which of the room's own agents run inside its process, and with what settings: the process's environment
 * (where {@code SYMBI_LLM_*} choose a model) with the data directory and, when the environment names no
 * model, the first one in the room's settings.
 *
 * @param kinds     the kinds to start, from {@link BuiltInTeam#KINDS}; empty for none
 * @param providers the language models configured in the room's settings, first one used
 */
public record BuiltInAgents(List<String> kinds, List<LlmConfig> providers) {
    /** None: a room whose agents all connect from outside (tests, benchmarks, screenshots). */
    public static final BuiltInAgents NONE = new BuiltInAgents(List.of(), List.of());

    public BuiltInAgents {
        kinds = List.copyOf(kinds);
        providers = List.copyOf(providers);
    }

    /**
     * The kinds a command-line choice names: {@code all}, {@code none}, or a comma-separated list such as
     * {@code planner,git,test}.
     *
     * @throws IllegalArgumentException naming the unknown kinds and the known ones
     */
    public static List<String> parseKinds(String choice) {
        String c = choice == null ? "all" : choice.strip().toLowerCase(Locale.ROOT);
        if (c.equals("all") || c.isEmpty()) {
            return BuiltInTeam.KINDS;
        }
        if (c.equals("none")) {
            return List.of();
        }
        Set<String> kinds = new LinkedHashSet<>();
        for (String k : c.split(",")) {
            if (!k.isBlank()) {
                kinds.add(k.strip());
            }
        }
        List<String> unknown = kinds.stream().filter(k -> !BuiltInTeam.KINDS.contains(k)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown built-in agents " + unknown + "; choose all, none, or from "
                    + String.join(",", BuiltInTeam.KINDS));
        }
        return List.copyOf(kinds);
    }

    /** Starts the chosen agents against the room's gateway, each with a token the room issues for it. */
    BuiltInTeam start(URI gateway, DataDir dir, AgentTokens tokens, Map<String, String> processEnv) {
        Map<String, String> env = environment(dir, processEnv);
        env.putAll(RoomFile.certificateEnvironment(dir, gateway.toString()));
        return BuiltInTeam.start(gateway, env, (agentId, capabilities) -> {
            tokens.grant(agentId, capabilities, Set.of());
            return tokens.issue(agentId, capabilities, Set.of());
        }, kinds);
    }

    /** What the agents read their settings from; the key itself stays in the variable the settings name. */
    Map<String, String> environment(DataDir dir, Map<String, String> processEnv) {
        Map<String, String> env = new HashMap<>(processEnv);
        env.put("SYMBI_DATA_DIR", dir.root().toString());
        if (env.get(LlmConfig.ENV_PROVIDER) == null || env.get(LlmConfig.ENV_PROVIDER).isBlank()) {
            providers.stream().findFirst().ifPresent(p -> {
                env.put(LlmConfig.ENV_PROVIDER, p.kind().wire());
                env.put(LlmConfig.ENV_MODEL, p.model());
                if (p.baseUrl() != null) {
                    env.put(LlmConfig.ENV_BASE_URL, p.baseUrl());
                }
                if (p.apiKeyEnv() != null) {
                    env.put(LlmConfig.ENV_API_KEY_ENV, p.apiKeyEnv());
                }
            });
        }
        return env;
    }
}
