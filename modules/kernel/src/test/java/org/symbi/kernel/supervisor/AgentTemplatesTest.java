package org.symbi.kernel.supervisor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.store.DataDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentTemplatesTest {
    @Test
    void aTemplateInTheDataDirectoryIsLoadedWithItsDefaults(@TempDir Path tmp) throws IOException {
        Files.createDirectories(tmp.resolve("agents"));
        Files.writeString(tmp.resolve("agents/reviewer.json"), """
                {"id": "reviewer", "name": "Reviewer", "type": "reviewer", "command": ["python3", "review.py"],
                 "env": {"MODEL": "small"}, "working_dir": "work", "capabilities": ["review"],
                 "repositories": ["symbi-core"]}
                """);
        Files.writeString(tmp.resolve("agents/minimal.json"), "{\"id\": \"minimal\", \"command\": [\"true\"]}");
        AgentTemplates templates = AgentTemplates.load(new DataDir(tmp));
        AgentTemplate r = templates.get("reviewer");
        assertThat(r.command()).isEqualTo(List.of("python3", "review.py"));
        assertThat(r.env()).isEqualTo(Map.of("MODEL", "small"));
        assertThat(r.workingDir()).isEqualTo("work");
        assertThat(r.capabilities()).containsExactly("review");
        assertThat(r.repositories()).containsExactly("symbi-core");
        AgentTemplate m = templates.get("minimal");
        assertThat(m.name()).isEqualTo("minimal");
        assertThat(m.agentType()).isEqualTo("minimal");
        assertThat(m.env()).isEmpty();
        assertThat(m.capabilities()).isEmpty();
    }

    @Test
    void theShippedTemplatesLoadAndTheDataDirectoryCanReplaceThem(@TempDir Path tmp) throws IOException {
        AgentTemplate shipped = AgentTemplates.load(new DataDir(tmp)).get("echo-node");
        assertThat(shipped.command()).containsExactly("node", "examples/node-agent/agent.js");
        assertThat(shipped.capabilities()).containsExactly("echo");
        Files.createDirectories(tmp.resolve("agents"));
        Files.writeString(tmp.resolve("agents/mine.json"), "{\"id\": \"echo-node\", \"command\": [\"./echo\"]}");
        assertThat(AgentTemplates.load(new DataDir(tmp)).get("echo-node").command()).containsExactly("./echo");
    }

    @Test
    void aMalformedTemplateFailsNamingItsFile(@TempDir Path tmp) throws IOException {
        Files.createDirectories(tmp.resolve("agents"));
        Path broken = tmp.resolve("agents/broken.json");
        Files.writeString(broken, "{\"id\": \"broken\", \"command\": [\"true\"");
        assertThatThrownBy(() -> AgentTemplates.load(new DataDir(tmp)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(broken.toString());

        Files.writeString(broken, "{\"id\": \"broken\", \"command\": []}");
        assertThatThrownBy(() -> AgentTemplates.load(new DataDir(tmp))).hasMessageContaining(broken.toString())
                .hasMessageContaining("command must be a non-empty list");

        Files.writeString(broken, "{\"id\": \"broken\", \"command\": [\"true\"], \"comand\": 1}");
        assertThatThrownBy(() -> AgentTemplates.load(new DataDir(tmp))).hasMessageContaining(broken.toString())
                .hasMessageContaining("comand");

        Files.writeString(broken, "{\"id\": \"no spaces\", \"command\": [\"true\"]}");
        assertThatThrownBy(() -> AgentTemplates.load(new DataDir(tmp))).hasMessageContaining("id must be");
    }
}
