package org.symbi.agents;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.liveroom.LiveAgentRoom;
import org.symbi.kernel.registry.AgentView;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in agents started inside the room's process, against a real room. */
class BuiltInTeamTest {
    @TempDir
    Path tmp;
    private LiveAgentRoom room;

    @BeforeEach
    void open() throws Exception {
        room = new LiveAgentRoom(tmp);
    }

    @AfterEach
    void close() {
        room.close();
    }

    private BuiltInTeam start(Map<String, String> environment, List<String> kinds) {
        return BuiltInTeam.start(room.uri(), environment, room::token, kinds);
    }

    private AgentView agent(String id) {
        return room.kernel().registry().find(id).orElseThrow(() -> new AssertionError(id + " never registered"));
    }

    @Test
    void theWholeTeamJoinsWithoutAModelAndLeavesWhenClosed() throws Exception {
        Map<String, List<String>> expected = Map.of("planner-1", List.of("plan"), "coder-1", List.of(),
                "git-1", List.of("git"), "tester-1", List.of("test"), "reviewer-1", List.of("review"),
                "docs-1", List.of("docs"), "deployer-1", List.of());

        BuiltInTeam team = start(Map.of("SYMBI_DATA_DIR", tmp.toString()), BuiltInTeam.KINDS);

        assertThat(team.failures()).isEmpty();
        assertThat(team.running()).extracting(r -> r.client().agentId())
                .containsExactly("planner-1", "coder-1", "git-1", "tester-1", "reviewer-1", "docs-1", "deployer-1");
        LiveAgentRoom.await(() -> expected.keySet().stream()
                .allMatch(id -> room.kernel().registry().find(id).map(AgentView::online).orElse(false)));
        expected.forEach((id, capabilities) ->
                assertThat(agent(id).card().capabilities()).as(id).containsExactlyElementsOf(capabilities));

        team.close();

        LiveAgentRoom.await(() -> expected.keySet().stream().noneMatch(id -> agent(id).online()));
    }

    @Test
    void anAgentThatCannotStartIsReportedAndTheOthersStart() throws Exception {
        Files.writeString(tmp.resolve("environments.json"), "{\"environments\": [{\"name\": \"dev\", \"deploy\": "
                + "\"./deploy.sh\", \"health\": \"true\", \"healthAttempts\": 0}]}");

        try (BuiltInTeam team = start(Map.of("SYMBI_DATA_DIR", tmp.toString(), "SYMBI_LLM_PROVIDER", "openai",
                "SYMBI_LLM_MODEL", "gpt-4o-mini", "SYMBI_LLM_API_KEY_ENV", "NO_SUCH_KEY_VARIABLE"),
                List.of("docs", "coding", "deploy", "fortune-teller", "git"))) {

            assertThat(team.running()).extracting(r -> r.client().agentId()).containsExactly("docs-1", "git-1");
            assertThat(team.failures()).containsOnlyKeys("coding", "deploy", "fortune-teller");
            assertThat(team.failures().get("coding")).contains("NO_SUCH_KEY_VARIABLE, which is not set");
            assertThat(team.failures().get("deploy")).contains(tmp.resolve("environments.json").toString())
                    .contains("environment dev").contains("\"healthAttempts\" must be a whole number of at least 1");
            assertThat(team.failures().get("fortune-teller")).contains("no built-in agent of kind fortune-teller");
            LiveAgentRoom.await(() -> room.kernel().registry().find("git-1").map(AgentView::online).orElse(false));
        }
    }
}
