package org.symbi.kernel.supervisor;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How to run one kind of local agent: the command line, its extra environment, where it runs, and what the
 * room grants the agents started from it.
 *
 * @param workingDir   where the process runs; relative paths are resolved against the data directory,
 *                     absent means where the room itself was started (so shipped templates can name
 *                     files of a checkout)
 * @param capabilities what the agent's tokens may claim (its grant)
 * @param repositories the repositories the agent's tokens give access to
 */
public record AgentTemplate(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("type") String agentType,
        @JsonProperty("command") List<String> command,
        @JsonProperty("env") Map<String, String> env,
        @JsonProperty("working_dir") String workingDir,
        @JsonProperty("capabilities") Set<String> capabilities,
        @JsonProperty("repositories") Set<String> repositories) {

    /** Short enough that an agent id made from it stays within the registry's 128 characters. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public AgentTemplate {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must be 1-64 letters, digits, '.', '_' or '-', not " + id);
        }
        if (command == null || command.isEmpty() || command.stream().anyMatch(a -> a == null || a.isEmpty())) {
            throw new IllegalArgumentException("command must be a non-empty list of non-empty strings");
        }
        name = name == null ? id : name;
        agentType = agentType == null ? id : agentType;
        command = List.copyOf(command);
        env = env == null ? Map.of() : Map.copyOf(env);
        capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
        repositories = repositories == null ? Set.of() : Set.copyOf(repositories);
    }
}
