package org.symbi.agents.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.symbi.agents.AgentEnv;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How the command-line agent adapter runs its tool, from its template's environment.
 *
 * @param command      the tool's command line, with {@code {prompt}}, {@code {worktree}} and {@code {task_id}}
 *                     standing for the task's prompt, its checkout and its id ({@code SYMBI_CLI_COMMAND}: a
 *                     JSON array of arguments, or words separated by spaces)
 * @param repository   the git repository each task works on a clone of ({@code SYMBI_CLI_REPOSITORY}: a path
 *                     or URL); null when every task names the checkout to work in ({@code input.worktree})
 * @param workspace    where the clones go, one folder per task ({@code SYMBI_CLI_WORKSPACE})
 * @param baseBranch   the branch each task's branch starts from ({@code SYMBI_CLI_BASE}); null: the
 *                     repository's default branch
 * @param timeout      how long the tool may run ({@code SYMBI_CLI_TIMEOUT}, 10 min)
 * @param capabilities what the agent takes tasks for ({@code SYMBI_CLI_CAPABILITIES}, {@code code})
 * @param toolName     what the tool is called, the agent's type ({@code SYMBI_CLI_NAME}, the command's name)
 */
public record CliSettings(List<String> command, String repository, Path workspace, String baseBranch,
                          Duration timeout, List<String> capabilities, String toolName) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static CliSettings from(AgentEnv env) {
        List<String> command = command(env.require("SYMBI_CLI_COMMAND"));
        String name = Path.of(command.getFirst()).getFileName().toString();
        return new CliSettings(command, env.find("SYMBI_CLI_REPOSITORY").orElse(null),
                Path.of(env.text("SYMBI_CLI_WORKSPACE", Path.of(System.getProperty("java.io.tmpdir"), "symbi-cli")
                        .toString())),
                env.find("SYMBI_CLI_BASE").orElse(null),
                env.duration("SYMBI_CLI_TIMEOUT", Duration.ofMinutes(10)),
                env.list("SYMBI_CLI_CAPABILITIES", List.of("code")),
                env.text("SYMBI_CLI_NAME", name));
    }

    /** A JSON array keeps arguments with spaces whole; plain words are split on spaces. */
    static List<String> command(String text) {
        List<String> args;
        if (text.startsWith("[")) {
            try {
                args = JSON.readValue(text, new TypeReference<List<String>>() {
                });
            } catch (IOException e) {
                throw new IllegalArgumentException("SYMBI_CLI_COMMAND is not a JSON array of strings: "
                        + e.getMessage(), e);
            }
        } else {
            args = Arrays.stream(text.strip().split("\\s+")).toList();
        }
        if (args.isEmpty() || args.stream().anyMatch(a -> a == null || a.isEmpty())) {
            throw new IllegalArgumentException("SYMBI_CLI_COMMAND must name a program and its arguments, none empty");
        }
        return List.copyOf(args);
    }
}
