package org.symbi.agents;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings a built-in agent reads from its environment. */
class AgentEnvTest {

    @Test
    void filesAreWhereTheVariableSaysElseInTheDataDirectory() {
        AgentEnv env = new AgentEnv(Map.of("SYMBI_DATA_DIR", "/data", "SYMBI_GIT_WORKSPACE", "/work"));

        assertThat(env.dataFile("SYMBI_GIT_WORKSPACE", "workspace")).contains(Path.of("/work"));
        assertThat(env.dataFile("SYMBI_RELEASES_FILE", "releases.json")).contains(Path.of("/data/releases.json"));
        assertThat(new AgentEnv(Map.of()).dataFile("SYMBI_RELEASES_FILE", "releases.json")).isEmpty();
    }

    @Test
    void theRoomsHttpAddressFollowsItsSocketAddressUnlessGiven() {
        assertThat(RoomHttp.httpBase(new AgentEnv(Map.of("SYMBI_URL", "ws://127.0.0.1:7420/ws"))))
                .isEqualTo(URI.create("http://127.0.0.1:7420"));
        assertThat(RoomHttp.httpBase(new AgentEnv(Map.of("SYMBI_URL", "wss://room.example.org/ws"))))
                .isEqualTo(URI.create("https://room.example.org"));
        assertThat(RoomHttp.httpBase(new AgentEnv(Map.of("SYMBI_URL", "ws://127.0.0.1:7420/ws",
                "SYMBI_HTTP_URL", "http://proxy.local:8080")))).isEqualTo(URI.create("http://proxy.local:8080"));
    }

    @Test
    void durationsAreReadAlikeFromVariablesAndFiles() {
        assertThat(AgentEnv.parseDuration("\"timeout\"", "90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(AgentEnv.parseDuration("\"timeout\"", "PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> AgentEnv.parseDuration("\"timeout\"", "0s"))
                .hasMessage("\"timeout\" must be longer than zero, got '0s'");
        assertThatThrownBy(() -> new AgentEnv(Map.of("SYMBI_X", "later")).duration("SYMBI_X", Duration.ZERO))
                .hasMessage("SYMBI_X must be a duration such as 500ms, 30s, 5m, 2h or PT30S, got 'later'");
    }
}
