package org.symbi.examples.echo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.kernel.task.TaskView;
import org.symbi.protocol.TaskStatus;
import org.symbi.protocol.TraceKind;
import org.symbi.sdk.AgentClient;
import org.symbi.sdk.LiveRoom;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class EchoAgentTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    @Test
    void echoesATaskAndTracesItsReasoning() throws Exception {
        try (LiveRoom room = new LiveRoom(tmp);
             AgentClient agent = EchoAgent.start(room.uri(), room.token("echo-java", EchoAgent.CAPABILITY), "echo-java")) {
            room.awaitOnline(agent.agentId(), WAIT);
            TaskView done = room.runTask("t-1", EchoAgent.CAPABILITY,
                    JsonNodeFactory.instance.objectNode().put("text", "hello"), WAIT);
            assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(done.result().path("echo").path("text").asText()).isEqualTo("hello");
            assertThat(room.kernel().traces().forTask("t-1")).extracting(t -> t.step().kind())
                    .containsExactly(TraceKind.THOUGHT, TraceKind.TOOL_CALL, TraceKind.DECISION);
        }
    }
}
