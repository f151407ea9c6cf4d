package org.symbi.kernel.task;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.protocol.TaskStatus;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.symbi.kernel.task.TaskFixture.spec;
import static org.symbi.protocol.TaskStatus.ASSIGNED;
import static org.symbi.protocol.TaskStatus.BLOCKED;
import static org.symbi.protocol.TaskStatus.CANCELLED;
import static org.symbi.protocol.TaskStatus.COMPLETED;
import static org.symbi.protocol.TaskStatus.FAILED;
import static org.symbi.protocol.TaskStatus.PENDING;
import static org.symbi.protocol.TaskStatus.READY;

class TaskWorkflowTest {
    private final TaskFixture f = new TaskFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private void diamond() {
        f.tasks.createWorkflow("wf", "diamond", List.of(
                spec("A"), spec("B", "A"), spec("C", "A"), spec("D", "B", "C")));
    }

    private List<TaskStatus> statuses(String... ids) {
        return List.of(ids).stream().map(id -> f.task(id).status()).toList();
    }

    @Test
    void aDiamondRunsInDependencyOrder() {
        f.agent("a", 4, "java");
        diamond();
        assertThat(statuses("A", "B", "C", "D")).containsExactly(READY, PENDING, PENDING, PENDING);

        f.tick();
        assertThat(statuses("A", "B", "C", "D")).containsExactly(ASSIGNED, PENDING, PENDING, PENDING);

        f.succeed("a", "A");
        assertThat(statuses("B", "C", "D")).containsExactly(READY, READY, PENDING);
        f.tick();
        f.succeed("a", "B");
        assertThat(f.task("D").status()).isEqualTo(PENDING);
        f.succeed("a", "C");
        assertThat(f.task("D").status()).isEqualTo(READY);
        f.tick();
        f.succeed("a", "D");

        WorkflowView wf = f.tasks.workflow("wf").orElseThrow();
        assertThat(wf.title()).isEqualTo("diamond");
        assertThat(wf.tasks()).extracting(TaskView::taskId).containsExactly("A", "B", "C", "D");
        assertThat(wf.completed()).isEqualTo(4);
        assertThat(wf.progress()).isEqualTo(1.0);
        assertThat(f.requestsTo("a")).extracting(s -> s.taskId()).containsExactly("A", "B", "C", "D");
        assertThat(f.task("D").result().get("by").asText()).isEqualTo("a");
    }

    @Test
    void workflowProgressCountsCompletedTasks() {
        f.agent("a", 4, "java");
        diamond();
        f.tick();
        f.succeed("a", "A");

        WorkflowView wf = f.tasks.workflow("wf").orElseThrow();
        assertThat(wf.completed()).isEqualTo(1);
        assertThat(wf.total()).isEqualTo(4);
        assertThat(wf.progress()).isEqualTo(0.25);
        assertThat(f.tasks.list(READY, "wf", 10)).extracting(TaskView::taskId).containsExactly("B", "C");
    }

    @Test
    void aCycleIsRejectedAndNamed() {
        assertThatThrownBy(() -> f.tasks.createWorkflow("wf", "loop", List.of(
                spec("A", "C"), spec("B", "A"), spec("C", "B"), spec("E"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cycle")
                .hasMessageContaining("A → C → B → A");
        assertThat(f.tasks.find("E")).isEmpty();
        assertThat(f.tasks.workflow("wf")).isEmpty();
    }

    @Test
    void malformedWorkflowsAreRejected() {
        assertThatThrownBy(() -> f.tasks.createWorkflow("wf", "t", List.of(spec("A"), spec("A"))))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> f.tasks.createWorkflow("wf", "t", List.of(spec("A", "nowhere"))))
                .hasMessageContaining("not in the workflow");
        assertThatThrownBy(() -> f.tasks.createWorkflow("wf", "t", List.of(spec("A", List.of()))))
                .hasMessageContaining("required_capabilities");
    }

    @Test
    void failuresBackOffThenFailForGoodAndBlockDependents() {
        f.agent("a", 4, "java");
        f.tasks.createWorkflow("wf", "fragile", List.of(spec("A"), spec("B", "A"), spec("C", "B")));
        f.tick();

        f.fail("a", "A");
        TaskView afterFirst = f.task("A");
        assertThat(afterFirst.status()).isEqualTo(READY);
        assertThat(afterFirst.attempts()).isEqualTo(1);
        assertThat(afterFirst.nextAttemptAt()).isEqualTo(f.clock.instant().plusSeconds(2));

        f.tick();
        assertThat(f.task("A").status()).as("backing off").isEqualTo(READY);
        f.clock.advance(Duration.ofSeconds(2));
        f.tick();
        assertThat(f.task("A").status()).isEqualTo(ASSIGNED);
        assertThat(f.task("A").epoch()).isEqualTo(2);

        f.fail("a", "A");
        assertThat(f.task("A").nextAttemptAt()).isEqualTo(f.clock.instant().plusSeconds(4));
        f.clock.advance(Duration.ofSeconds(4));
        f.tick();
        f.fail("a", "A");

        assertThat(f.task("A").status()).isEqualTo(FAILED);
        assertThat(f.task("A").attempts()).isEqualTo(TaskManager.MAX_ATTEMPTS);
        assertThat(statuses("B", "C")).containsExactly(BLOCKED, BLOCKED);
        assertThat(f.task("B").detail()).contains("A");
        assertThat(f.registry.find("a").orElseThrow().activeTasks()).isZero();

        f.tasks.retry("A");
        assertThat(statuses("A", "B", "C")).containsExactly(READY, PENDING, PENDING);
        assertThat(f.task("A").attempts()).isZero();
        f.tick();
        f.succeed("a", "A");
        assertThat(f.task("B").status()).isEqualTo(READY);
    }

    @Test
    void cancelTakesWaitingDependentsWithIt() {
        f.agent("a", 4, "java");
        diamond();
        f.tick();

        f.tasks.cancel("A");

        assertThat(statuses("A", "B", "C", "D")).containsOnly(CANCELLED);
        assertThat(f.registry.find("a").orElseThrow().activeTasks()).isZero();
        assertThat(f.events(KernelEvent.TaskStateChanged.class))
                .filteredOn(e -> e.to() == CANCELLED).extracting(KernelEvent.TaskStateChanged::taskId)
                .containsExactlyInAnyOrder("A", "B", "C", "D");
        assertThatThrownBy(() -> f.tasks.cancel("A")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aLoneTaskMayDependOnAnExistingOne() {
        f.agent("a", 4, "java");
        f.tasks.create(spec("first"));
        f.tasks.create(spec("second", "first"));
        assertThat(f.task("second").status()).isEqualTo(PENDING);
        f.tick();
        f.succeed("a", "first");
        assertThat(f.task("second").status()).isEqualTo(READY);
        assertThat(f.task("first").status()).isEqualTo(COMPLETED);
        assertThatThrownBy(() -> f.tasks.create(spec("third", "missing"))).hasMessageContaining("missing");
    }
}
