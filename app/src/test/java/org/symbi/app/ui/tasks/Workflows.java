package org.symbi.app.ui.tasks;

import org.symbi.kernel.Kernel;
import org.symbi.kernel.task.TaskView;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.Priority;
import org.symbi.protocol.TaskOutcome;
import org.symbi.protocol.TaskResult;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.TaskStatus;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Workflows made through the kernel's task manager, and an agent that does their work. */
final class Workflows {
    static final String CAPABILITY = "ci";

    private Workflows() {
    }

    static TaskSpec task(String id, String title, String... dependsOn) {
        return taskNeeding(CAPABILITY, id, title, dependsOn);
    }

    static TaskSpec taskNeeding(String capability, String id, String title, String... dependsOn) {
        return new TaskSpec(id, null, title, null, List.of(capability), null, Priority.NORMAL, null,
                List.of(dependsOn), null, null, null);
    }

    /** build → (test, lint) → package: three layers. */
    static void release(Kernel kernel) {
        kernel.tasks().createWorkflow("release", "Release 1.0", List.of(
                task("build", "Build"),
                task("test", "Test", "build"),
                task("lint", "Lint", "build"),
                task("package", "Package", "test", "lint")));
    }

    /** Registers an agent that can do the workflow's tasks, lets the kernel assign it one and completes it. */
    static void completeByAnAgent(Kernel kernel, String taskId) {
        Envelope card = Envelope.builder().fromAgent("ci-1").toAgent(Envelope.ORCHESTRATOR)
                .messageType(MessageType.REGISTER)
                .payload(kernel.codec().toPayload(AgentCard.of("ci-1", "ci", List.of(CAPABILITY)))).build();
        assertThat(kernel.receive(card).join().isAccepted()).isTrue();
        kernel.tick();
        TaskView assigned = kernel.tasks().find(taskId).orElseThrow();
        assertThat(assigned.status()).as(assigned.detail()).isEqualTo(TaskStatus.ASSIGNED);
        kernel.tasks().onResult("ci-1", new TaskResult(taskId, assigned.epoch(), TaskOutcome.SUCCESS, null, null));
    }
}
