package org.symbi.agents.git;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.AgentEnv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepositoryRulesTest {
    @TempDir
    Path tmp;

    @Test
    void aRepositoryNobodyConfiguredProtectsMainAndNeedsReviews() {
        RepositoryRules rules = RepositoryRules.defaults("core");

        assertThat(rules.baseBranch()).isEqualTo("main");
        assertThat(rules.remote()).isEqualTo("origin");
        assertThat(rules.requireReview()).isTrue();
        assertThat(rules.autoMerge()).isTrue();
        assertThat(rules.mayPush("git-1", "feature/x")).isTrue();
        assertThat(rules.mayPush("git-1", "main")).isFalse();
        assertThat(rules.mayMerge("git-1", "main")).isTrue();
    }

    @Test
    void permissionsSayWhoMayPushWhereAndMergeIntoWhat() throws Exception {
        Files.writeString(tmp.resolve("repositories.json"), """
                {"repositories": [
                  {"name": "core", "remote": "upstream", "baseBranch": "develop", "branchPrefix": "symbi/",
                   "protectedBranches": ["main", "release/**"], "requireReview": false, "fastForward": false,
                   "permissions": [
                     {"agents": ["git-*"], "push": ["symbi/**"], "merge": ["develop"]},
                     {"agents": ["release-bot"], "push": ["release/*"], "merge": ["main", "release/**"]}
                   ]},
                  {"name": "docs", "remote": null}
                ]}
                """);

        Map<String, RepositoryRules> rules = RepositoryRules.load(tmp.resolve("repositories.json"));

        RepositoryRules core = rules.get("core");
        assertThat(core.remote()).isEqualTo("upstream");
        assertThat(core.branchPrefix()).isEqualTo("symbi/");
        assertThat(core.requireReview()).isFalse();
        assertThat(core.fastForward()).isFalse();
        assertThat(core.isProtected("release/1.0/hotfix")).isTrue();
        assertThat(core.isProtected("develop")).isFalse();
        assertThat(core.mayPush("git-1", "symbi/t1-fib")).isTrue();
        assertThat(core.mayPush("git-1", "feature/fib")).isFalse();
        assertThat(core.mayMerge("git-1", "develop")).isTrue();
        assertThat(core.mayMerge("git-1", "main")).isFalse();
        assertThat(core.mayPush("release-bot", "release/1.0")).isTrue();
        assertThat(core.mayPush("release-bot", "release/1.0/x")).isFalse();
        assertThat(core.mayMerge("release-bot", "main")).isTrue();
        assertThat(rules.get("docs").remote()).isNull();
        assertThat(rules.get("docs").protectedBranches()).isEqualTo(List.of("main"));
    }

    @Test
    void theSameFileGivesTheTestAgentEachRepositorysTestCommand() throws Exception {
        Files.writeString(tmp.resolve("repositories.json"), """
                {"repositories": [
                  {"name": "core", "testCommand": "./mvnw -q test", "testTimeout": "15m"},
                  {"name": "docs"}
                ]}
                """);

        Map<String, RepositoryRules> rules = RepositoryRules.load(tmp.resolve("repositories.json"));

        assertThat(rules.get("core").testCommand()).isEqualTo("./mvnw -q test");
        assertThat(rules.get("core").testTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(rules.get("core").baseBranch()).isEqualTo("main");
        assertThat(rules.get("docs").testCommand()).isNull();
        assertThat(rules.get("docs").testTimeout()).isNull();
    }

    @Test
    void theRoomsFileIsFoundInTheDataDirectoryOrWhereTheVariableSays() throws Exception {
        assertThat(RepositoryRules.configured(new AgentEnv(Map.of("SYMBI_DATA_DIR", tmp.toString())))).isEmpty();

        Files.writeString(tmp.resolve("repositories.json"), "{\"repositories\": [{\"name\": \"core\"}]}");
        assertThat(RepositoryRules.configured(new AgentEnv(Map.of("SYMBI_DATA_DIR", tmp.toString()))))
                .containsOnlyKeys("core");

        Path elsewhere = tmp.resolve("elsewhere.json");
        assertThatThrownBy(() -> RepositoryRules.configured(new AgentEnv(Map.of("SYMBI_DATA_DIR", tmp.toString(),
                "SYMBI_REPOSITORIES_FILE", elsewhere.toString()))))
                .hasMessage("SYMBI_REPOSITORIES_FILE names " + elsewhere + ", which is not a file");
        Files.writeString(elsewhere, "{\"repositories\": [{\"name\": \"web\"}]}");
        assertThat(RepositoryRules.configured(new AgentEnv(Map.of("SYMBI_REPOSITORIES_FILE", elsewhere.toString()))))
                .containsOnlyKeys("web");
    }

    @Test
    void mistakesInTheFileAreNamed() throws Exception {
        Path file = tmp.resolve("bad.json");
        Files.writeString(file, "{\"repositories\": [{\"name\": \"core\", \"requireReviw\": false}]}");
        assertThatThrownBy(() -> RepositoryRules.load(file)).hasMessageContaining("bad.json")
                .hasMessageContaining("repository core: unknown field \"requireReviw\"");

        Files.writeString(file, "{\"repositories\": [{\"name\": \"core\", \"autoMerge\": \"yes\"}]}");
        assertThatThrownBy(() -> RepositoryRules.load(file)).hasMessageContaining("\"autoMerge\" must be true or false");

        Files.writeString(file, "{\"repositories\": [{\"name\": \"a\"}, {\"name\": \"a\"}]}");
        assertThatThrownBy(() -> RepositoryRules.load(file)).hasMessageContaining("repository a is configured twice");

        Files.writeString(file, "{\"repositories\": [{\"name\": \"core\", \"testTimeout\": \"soon\"}]}");
        assertThatThrownBy(() -> RepositoryRules.load(file)).hasMessageContaining("bad.json")
                .hasMessageContaining("\"testTimeout\" must be a duration such as 500ms, 30s, 5m, 2h or PT30S, "
                        + "got 'soon'");

        Files.writeString(file, "{\"repositories\": [{\"name\": \"core\", \"testComand\": \"make test\"}]}");
        assertThatThrownBy(() -> RepositoryRules.load(file))
                .hasMessageContaining("repository core: unknown field \"testComand\"");

        Files.writeString(file, "{\"repositories\": [");
        assertThatThrownBy(() -> RepositoryRules.load(file)).hasMessageContaining("bad.json: not valid JSON");

        Files.writeString(file, "[]");
        assertThatThrownBy(() -> RepositoryRules.load(file)).hasMessageContaining("expected {\"repositories\"");
    }

    @Test
    void branchGlobsFollowThePolicysGlobs() {
        assertThat(BranchGlob.matches("feature/**", "feature/a/b")).isTrue();
        assertThat(BranchGlob.matches("feature/*", "feature/a/b")).isFalse();
        assertThat(BranchGlob.matches("feature/*", "feature/a")).isTrue();
        assertThat(BranchGlob.matches("v?.x", "v1.x")).isTrue();
        assertThat(BranchGlob.matches("v?.x", "v1/x")).isFalse();
        assertThat(BranchGlob.matches("release.1", "releasex1")).isFalse();
        assertThat(BranchGlob.matches("main", "main")).isTrue();
    }
}
