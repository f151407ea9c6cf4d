package org.symbi.kernel.task;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.Recipients;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.TaskStatus;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.symbi.kernel.task.TaskFixture.spec;

class TaskRoutingTest {
    private final TaskFixture f = new TaskFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void routesEachTaskToTheLeastLoadedCapableAgent() {
        f.agent("a", 2, "java");
        f.agent("b", 2, "java");
        f.agent("c", 2, "python");

        f.tasks.create(spec("t1"));
        f.tasks.create(spec("t2"));
        f.tasks.create(spec("t3"));
        f.tasks.create(spec("t4", List.of("python")));
        f.tick();

        assertThat(f.task("t1").assignedAgent()).isEqualTo("a");
        assertThat(f.task("t2").assignedAgent()).isEqualTo("b");
        assertThat(f.task("t3").assignedAgent()).isEqualTo("a");
        assertThat(f.task("t4").assignedAgent()).isEqualTo("c");
        assertThat(f.registry.find("a").orElseThrow().activeTasks()).isEqualTo(2);
        assertThat(f.registry.find("b").orElseThrow().activeTasks()).isEqualTo(1);

        Envelope request = f.sent.getFirst();
        assertThat(request.fromAgent()).isEqualTo(Envelope.ORCHESTRATOR);
        assertThat(request.toAgent()).isEqualTo(new Recipients.Direct("a"));
        assertThat(request.messageType()).isEqualTo(MessageType.TASK_REQUEST);
        TaskSpec sent = f.requestsTo("a").getFirst();
        assertThat(sent.taskId()).isEqualTo("t1");
        assertThat(sent.epoch()).isEqualTo(1L);
        assertThat(sent.status()).isEqualTo(TaskStatus.ASSIGNED);
    }

    @Test
    void aTaskNoAgentCanTakeStaysReadyUntilOneRegisters() {
        f.agent("a", 1, "java");
        f.tasks.create(spec("r1", List.of("rust")));
        f.tick();
        f.tick();

        assertThat(f.task("r1").status()).isEqualTo(TaskStatus.READY);
        assertThat(f.sent).isEmpty();

        f.agent("ferris", 1, "rust", "java");
        f.tick();

        assertThat(f.task("r1").status()).isEqualTo(TaskStatus.ASSIGNED);
        assertThat(f.task("r1").assignedAgent()).isEqualTo("ferris");
    }

    @Test
    void aFullAgentGetsNoMoreUntilItFinishes() {
        f.agent("a", 1, "java");
        f.tasks.create(spec("t1"));
        f.tasks.create(spec("t2"));
        f.tick();

        assertThat(f.task("t1").status()).isEqualTo(TaskStatus.ASSIGNED);
        assertThat(f.task("t2").status()).isEqualTo(TaskStatus.READY);

        assertThat(f.succeed("a", "t1")).isEqualTo(ResultHandling.APPLIED);
        f.tick();

        assertThat(f.task("t2").assignedAgent()).isEqualTo("a");
    }

    @Test
    void aTaskNamingAgentsGoesOnlyToThem() {
        f.agent("a", 4, "java");
        f.agent("b", 4, "java");
        f.tasks.create(spec("busy"));
        f.tick();
        TaskSpec named = new TaskSpec("named", null, "for a", null, List.of("java"), List.of("a"), null, null,
                null, null, null, null);
        f.tasks.create(named);
        f.tick();

        assertThat(f.task("busy").assignedAgent()).isEqualTo("a");
        assertThat(f.task("named").assignedAgent()).isEqualTo("a");
    }

    @Test
    void aTaskWithoutCapabilitiesIsRefused() {
        assertThatThrownBy(() -> f.tasks.create(spec("x", List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("required_capabilities");
    }
}
