package org.symbi.kernel.task;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.ManualClock;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.protocol.TaskOutcome;
import org.symbi.protocol.TaskResult;
import org.symbi.protocol.TaskSpec;
import org.symbi.store.Database;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.symbi.kernel.task.TaskFixture.spec;
import static org.symbi.protocol.TaskStatus.ASSIGNED;
import static org.symbi.protocol.TaskStatus.BLOCKED;
import static org.symbi.protocol.TaskStatus.COMPLETED;
import static org.symbi.protocol.TaskStatus.PENDING;
import static org.symbi.protocol.TaskStatus.READY;
import static org.symbi.protocol.TaskStatus.TIMED_OUT;

class TaskRecoveryTest {

    @Test
    void workOfASilentAgentGoesToAnotherAndItsLateResultIsRefused() {
        try (TaskFixture f = new TaskFixture()) {
            f.agent("old", 1, "java");
            f.tasks.create(spec("t"));
            f.tick();
            assertThat(f.task("t").assignedAgent()).isEqualTo("old");

            f.clock.advance(Duration.ofSeconds(6));
            f.agent("new", 1, "java");
            f.clock.advance(Duration.ofSeconds(5));
            assertThat(f.registry.sweep()).containsExactly("old");
            f.tasks.onAgentOffline("old");
            assertThat(f.task("t").status()).isEqualTo(READY);
            assertThat(f.task("t").detail()).isEqualTo("reassigned: agent offline");
            f.tick();

            TaskView moved = f.task("t");
            assertThat(moved.assignedAgent()).isEqualTo("new");
            assertThat(moved.epoch()).isEqualTo(2);
            assertThat(f.requestsTo("new").getFirst().epoch()).isEqualTo(2L);

            TaskResult late = new TaskResult("t", 1, TaskOutcome.SUCCESS, f.json.createObjectNode(), null);
            assertThat(f.tasks.onResult("old", late)).isEqualTo(ResultHandling.STALE);
            assertThat(f.task("t").status()).isEqualTo(ASSIGNED);
            assertThat(f.events(KernelEvent.StaleResultRefused.class)).singleElement()
                    .satisfies(e -> {
                        assertThat(e.agentId()).isEqualTo("old");
                        assertThat(e.resultEpoch()).isEqualTo(1);
                        assertThat(e.currentEpoch()).isEqualTo(2);
                    });

            TaskResult fresh = new TaskResult("t", 2, TaskOutcome.SUCCESS, f.json.createObjectNode().put("n", 1), null);
            assertThat(f.tasks.onResult("new", fresh)).isEqualTo(ResultHandling.APPLIED);
            assertThat(f.tasks.onResult("new", fresh)).isEqualTo(ResultHandling.DUPLICATE);
            assertThat(f.task("t").status()).isEqualTo(COMPLETED);
            assertThat(f.events(KernelEvent.TaskStateChanged.class)).filteredOn(e -> e.to() == COMPLETED).hasSize(1);
            assertThat(f.tasks.refusals("t")).extracting(RefusedResult::agentId, RefusedResult::reason)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("old", ResultHandling.STALE),
                            org.assertj.core.groups.Tuple.tuple("new", ResultHandling.DUPLICATE));
        }
    }

    @Test
    void aTaskPastItsDeadlineTimesOutAndBlocksItsDependents() {
        try (TaskFixture f = new TaskFixture()) {
            long deadline = f.clock.instant().plusSeconds(30).toEpochMilli();
            TaskSpec urgent = new TaskSpec("urgent", null, "urgent", null, List.of("java"), null, null, deadline,
                    null, null, null, null);
            f.tasks.createWorkflow("wf", "race", List.of(urgent, spec("after", "urgent")));
            f.tick();
            assertThat(f.task("urgent").status()).isEqualTo(READY);

            f.clock.advance(Duration.ofSeconds(30));
            f.tick();

            assertThat(f.task("urgent").status()).isEqualTo(TIMED_OUT);
            assertThat(f.task("after").status()).isEqualTo(BLOCKED);
        }
    }

    @Test
    void anAssignmentWithoutResultInTimeCountsAsAFailedAttempt() {
        KernelConfig config = KernelConfig.defaults().toBuilder().taskTimeout(Duration.ofMinutes(1)).build();
        try (TaskFixture f = new TaskFixture(config, new ManualClock(), TaskFixture.memory())) {
            f.agent("slow", 1, "java");
            f.tasks.create(spec("t"));
            f.tick();
            f.clock.advance(Duration.ofSeconds(59));
            f.registry.heartbeat("slow", null);
            f.tick();
            assertThat(f.task("t").status()).isEqualTo(ASSIGNED);

            f.clock.advance(Duration.ofSeconds(1));
            f.registry.heartbeat("slow", null);
            f.tick();

            TaskView t = f.task("t");
            assertThat(t.status()).isEqualTo(READY);
            assertThat(t.attempts()).isEqualTo(1);
            assertThat(t.detail()).contains("no result");
        }
    }

    @Test
    void anAgentWaitingForPeopleToApproveIsNotTimedOutAndGetsAWholeTimeoutAfterwards() {
        KernelConfig config = KernelConfig.defaults().toBuilder().taskTimeout(Duration.ofMinutes(1)).build();
        try (TaskFixture f = new TaskFixture(config, new ManualClock(), TaskFixture.memory())) {
            f.agent("merger", 1, "git");
            f.tasks.create(spec("merge", List.of("git")));
            f.tick();
            f.awaitingPeople.add("merge");
            for (int minute = 0; minute < 90; minute++) {
                f.clock.advance(Duration.ofMinutes(1));
                f.registry.heartbeat("merger", null);
                f.tick();
            }
            assertThat(f.task("merge").status()).isEqualTo(ASSIGNED);
            assertThat(f.task("merge").attempts()).isZero();

            f.awaitingPeople.clear(); // approved: the agent merges, and has the usual time to report
            f.clock.advance(Duration.ofSeconds(59));
            f.registry.heartbeat("merger", null);
            f.tick();
            assertThat(f.task("merge").status()).isEqualTo(ASSIGNED);
            f.clock.advance(Duration.ofSeconds(1));
            f.registry.heartbeat("merger", null);
            f.tick();
            assertThat(f.task("merge").attempts()).isEqualTo(1);
        }
    }

    @Test
    void aRestartKeepsTasksAndTheirAssignments(@TempDir Path dir) {
        String location = "file:" + dir.resolve("room");
        try (TaskFixture f = new TaskFixture(KernelConfig.defaults(), new ManualClock(), () -> Database.open(location))) {
            f.agent("a", 1, "java");
            f.tasks.createWorkflow("wf", "durable", List.of(spec("A"), spec("B", "A")));
            f.tick();
            assertThat(f.task("A").assignedAgent()).isEqualTo("a");

            f.restart();

            TaskView a = f.task("A");
            assertThat(a.status()).isEqualTo(ASSIGNED);
            assertThat(a.assignedAgent()).isEqualTo("a");
            assertThat(a.epoch()).isEqualTo(1);
            assertThat(f.task("B").status()).isEqualTo(PENDING);
            assertThat(f.tasks.workflow("wf").orElseThrow().total()).isEqualTo(2);

            f.agent("a", 1, "java");
            assertThat(f.succeed("a", "A")).isEqualTo(ResultHandling.APPLIED);
            assertThat(f.task("B").status()).isEqualTo(READY);

            f.restart();
            assertThat(f.task("A").status()).isEqualTo(COMPLETED);
            assertThat(f.task("B").status()).isEqualTo(READY);
        }
    }

    @Test
    void afterARestartWorkOfAnAgentThatNeverReturnsIsReassigned(@TempDir Path dir) {
        String location = "file:" + dir.resolve("room");
        try (TaskFixture f = new TaskFixture(KernelConfig.defaults(), new ManualClock(), () -> Database.open(location))) {
            f.agent("gone", 1, "java");
            f.tasks.create(spec("t"));
            f.tick();

            f.restart();
            f.agent("other", 1, "java");
            f.tick();
            assertThat(f.task("t").assignedAgent()).as("the old agent may still come back").isEqualTo("gone");

            f.clock.advance(KernelConfig.defaults().heartbeatTimeout());
            f.registry.heartbeat("other", null);
            f.tick();

            assertThat(f.task("t").assignedAgent()).isEqualTo("other");
            assertThat(f.task("t").epoch()).isEqualTo(2);
        }
    }
}
