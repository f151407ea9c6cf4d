package org.symbi.agents;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The process entry point the templates run, as a process. */
class AgentMainTest {

    private record Exit(int status, String output) {
    }

    private static Exit run(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AgentMain.class.getName()).redirectErrorStream(true);
        pb.command().addAll(List.of(args));
        pb.environment().keySet().removeIf(k -> k.startsWith("SYMBI_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Exit(p.exitValue(), output);
    }

    @Test
    void theBuiltInKindsAreFoundByName() {
        assertThat(AgentKind.all()).containsOnlyKeys("audit", "cli", "health", "role", "planner", "coding", "git",
                "test", "review", "docs", "deploy");
    }

    @Test
    void anUnknownKindIsRefusedNamingTheKnownOnes() throws Exception {
        Exit exit = run(Map.of(), "nope");
        assertThat(exit.status()).isEqualTo(AgentMain.USAGE);
        assertThat(exit.output()).contains("usage: AgentMain KIND, where KIND is one of audit, cli, coding, deploy, "
                + "docs, git, health, planner, review, role, test");
    }

    @Test
    void missingSettingsAreRefusedBeforeConnecting() throws Exception {
        Exit exit = run(Map.of("SYMBI_URL", "ws://127.0.0.1:9/ws", "SYMBI_TOKEN", "t", "SYMBI_AGENT_ID", "cli-1"), "cli");
        assertThat(exit.status()).isEqualTo(AgentMain.USAGE);
        assertThat(exit.output()).contains("cli agent: SYMBI_CLI_COMMAND is not set");
    }

    @Test
    void aTeamAgentWithoutItsSettingsOrItsModelsKeyIsRefusedBeforeConnecting() throws Exception {
        Map<String, String> room = Map.of("SYMBI_URL", "ws://127.0.0.1:9/ws", "SYMBI_TOKEN", "t",
                "SYMBI_AGENT_ID", "x-1");
        Exit git = run(room, "git");
        assertThat(git.status()).isEqualTo(AgentMain.USAGE);
        assertThat(git.output()).contains("git agent: set SYMBI_DATA_DIR (or SYMBI_GIT_WORKSPACE)");

        Map<String, String> keyless = new HashMap<>(room);
        keyless.putAll(Map.of("SYMBI_LLM_PROVIDER", "anthropic", "SYMBI_LLM_MODEL", "claude-sonnet-4-5",
                "SYMBI_LLM_API_KEY_ENV", "NO_SUCH_KEY_VARIABLE"));
        Exit coding = run(keyless, "coding");
        assertThat(coding.status()).isEqualTo(AgentMain.USAGE);
        assertThat(coding.output()).contains("coding agent: Anthropic needs its API key in the environment variable "
                + "NO_SUCH_KEY_VARIABLE, which is not set");
    }

    @Test
    void aRoomThatCannotBeReachedIsSaidPlainly() throws Exception {
        Exit exit = run(Map.of("SYMBI_URL", "ws://127.0.0.1:9/ws", "SYMBI_TOKEN", "t", "SYMBI_AGENT_ID", "role-1",
                "SYMBI_CAPABILITIES", "notes", "SYMBI_ROLE_PROMPT", "Write notes."), "role");
        assertThat(exit.status()).isEqualTo(1);
        assertThat(exit.output()).contains("role agent could not start: could not connect to ws://127.0.0.1:9/ws");
    }
}
