package org.symbi.agents.exec;

import org.junit.jupiter.api.Test;
import org.symbi.protocol.TaskSpec;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AssignmentsTest {
    private final Assignments assignments = new Assignments();

    private static TaskSpec task(String id, long epoch) {
        return new TaskSpec(id, null, null, null, List.of("deploy"), null, null, null, null, null, epoch, null);
    }

    @Test
    void aTaskAssignedAgainWhileAtWorkIsNotStartedTwiceAndTheWorkAnswersTheNewestAssignment() {
        assertThat(assignments.begin(task("t-1", 1))).isTrue();
        assertThat(assignments.begin(task("t-1", 2))).isFalse();
        assertThat(assignments.begin(task("t-2", 1))).isTrue();

        assertThat(assignments.end(task("t-1", 1)).epoch()).isEqualTo(2);
        assertThat(assignments.end(task("t-2", 1)).epoch()).isEqualTo(1);
    }

    @Test
    void anOlderAssignmentArrivingLateChangesNothingAndEndedWorkCanBeginAgain() {
        assertThat(assignments.begin(task("t-1", 3))).isTrue();
        assertThat(assignments.begin(task("t-1", 2))).isFalse();
        assertThat(assignments.end(task("t-1", 3)).epoch()).isEqualTo(3);

        assertThat(assignments.begin(task("t-1", 4))).isTrue();
        assertThat(assignments.end(task("t-1", 4)).epoch()).isEqualTo(4);
        assertThat(assignments.end(task("t-1", 4)).epoch()).isEqualTo(4);
    }
}
