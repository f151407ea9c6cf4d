package org.symbi.agents.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.AgentEnv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The room's environments file, as the deployment agent reads it. */
class DeploySettingsTest {
    @TempDir
    Path tmp;

    private AgentEnv inData() {
        return new AgentEnv(Map.of("SYMBI_DATA_DIR", tmp.toString()));
    }

    @Test
    void environmentsComeFromTheDataDirectorysFileOverTheDefaults() throws Exception {
        Files.writeString(tmp.resolve("environments.json"), """
                {"environments": [
                  {"name": "staging", "deploy": "./deploy.sh staging", "health": "http://localhost:8080/health",
                   "rollback": "./rollback.sh staging", "timeout": "3m",
                   "healthAttempts": 10, "healthInterval": "500ms", "artifact": "target/app.jar"},
                  {"name": "production", "deploy": "./deploy.sh prod", "health": "./smoke.sh"},
                  {"name": "qa", "deploy": "./deploy.sh qa", "health": "true", "gated": true}
                ]}
                """);

        DeploySettings settings = DeploySettings.configured(inData()).orElseThrow();

        Environment staging = settings.environments().get("staging");
        assertThat(staging.rollbackCommand()).isEqualTo("./rollback.sh staging");
        assertThat(staging.commandTimeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(staging.healthAttempts()).isEqualTo(10);
        assertThat(staging.healthInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(staging.gated()).isFalse();
        assertThat(staging.artifact()).isEqualTo("target/app.jar");
        Environment production = settings.environments().get("production");
        assertThat(production.gated()).isTrue();
        assertThat(production.rollbackCommand()).isNull();
        assertThat(production.healthAttempts()).isEqualTo(5);
        assertThat(production.commandTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(production.artifact()).isNull();
        assertThat(settings.environments().get("qa").gated()).isTrue();
        assertThat(settings.releaseFile()).isEqualTo(tmp.resolve("releases.json"));
        assertThat(settings.workingDirectory()).isEqualTo(tmp.toAbsolutePath());
    }

    @Test
    void withoutAFileThereAreNoEnvironments() throws Exception {
        assertThat(DeploySettings.configured(inData())).isEmpty();
        assertThat(DeploySettings.configured(new AgentEnv(Map.of()))).isEmpty();
    }

    @Test
    void aFileNamedByTheVariableKeepsItsReleasesInTheDataDirectoryAndRunsBesideIt() throws Exception {
        Path file = Files.createDirectories(tmp.resolve("ops")).resolve("envs.json");
        AgentEnv env = new AgentEnv(Map.of("SYMBI_DATA_DIR", tmp.toString(),
                "SYMBI_ENVIRONMENTS_FILE", file.toString()));
        assertThatThrownBy(() -> DeploySettings.configured(env))
                .hasMessage("SYMBI_ENVIRONMENTS_FILE names " + file + ", which is not a file");

        Files.writeString(file, dev(", \"health\": \"true\""));
        DeploySettings settings = DeploySettings.configured(env).orElseThrow();

        assertThat(settings.environments()).containsOnlyKeys("dev");
        assertThat(settings.releaseFile()).isEqualTo(tmp.resolve("releases.json"));
        assertThat(settings.workingDirectory()).isEqualTo(file.getParent().toAbsolutePath());
    }

    /** An environments file with one environment, dev, with these fields besides a deploy command. */
    private static String dev(String fields) {
        return "{\"environments\": [{\"name\": \"dev\", \"deploy\": \"./d.sh\"" + fields + "}]}";
    }

    @Test
    void mistakesNameTheFileTheEnvironmentAndTheField() throws Exception {
        Path file = tmp.resolve("environments.json");
        Map<String, String> wrong = Map.of(
                dev(""), "environment dev: \"health\" is required",
                dev(", \"health\": \"true\", \"gate\": true"), "environment dev: unknown field \"gate\"",
                dev(", \"health\": \"true\", \"timeout\": 60"),
                "environment dev: \"timeout\" must be a duration such as \"30s\"",
                dev(", \"health\": \"true\", \"gated\": \"no\""), "environment dev: \"gated\" must be true or false",
                "{\"environments\": [{\"deploy\": \"./d.sh\", \"health\": \"true\"}]}", "\"name\" is required",
                "{\"environments\": [{\"name\": \"dev\", \"deploy\": \"a\", \"health\": \"true\"},"
                        + " {\"name\": \"dev\", \"deploy\": \"b\", \"health\": \"true\"}]}",
                "environment dev is configured twice",
                "{\"envs\": []}", "expected {\"environments\": [ … ]}");
        for (var e : wrong.entrySet()) {
            Files.writeString(file, e.getKey());
            assertThatThrownBy(() -> DeploySettings.configured(inData())).as(e.getKey())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(file + ": ").hasMessageContaining(e.getValue());
        }
    }
}
