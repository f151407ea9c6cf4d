package org.symbi.app.ui.tasks;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.app.ui.RoomFixture;
import org.symbi.app.ui.kit.Selection;
import org.symbi.kernel.Kernel;
import org.symbi.protocol.TaskStatus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The tasks' view model on a real room: workflows made through the kernel's task manager. */
class TasksViewModelTest {
    @TempDir
    Path data;
    private RoomFixture room;
    private Kernel kernel;
    private TasksViewModel model;

    @BeforeEach
    void open() throws IOException {
        room = RoomFixture.open(data);
        kernel = room.room().kernel();
        model = new TasksViewModel(room.feed(), kernel.tasks(), room.context().selection());
    }

    @AfterEach
    void close() {
        room.close();
    }

    private TaskNode node(String taskId) {
        return model.nodes().stream().filter(n -> n.taskId().equals(taskId)).findFirst().orElseThrow();
    }

    @Test
    void aWorkflowShowsItsTasksInDependencyLayersAndItsProgress() {
        kernel.tasks().create(Workflows.taskNeeding("writing", "docs", "Write the notes"));
        Workflows.release(kernel);
        room.drain();

        assertThat(model.workflows()).extracting(WorkflowEntry::workflowId, WorkflowEntry::title,
                        WorkflowEntry::completed, WorkflowEntry::total)
                .containsExactly(tuple("release", "Release 1.0", 0, 4), tuple(null, "Tasks of no workflow", 0, 1));
        assertThat(model.selectedWorkflowProperty().get().workflowId()).isEqualTo("release");
        assertThat(model.nodes()).extracting(TaskNode::taskId, TaskNode::layer, TaskNode::row, TaskNode::status)
                .containsExactly(
                        tuple("build", 0, 0, TaskStatus.READY),
                        tuple("test", 1, 0, TaskStatus.PENDING),
                        tuple("lint", 1, 1, TaskStatus.PENDING),
                        tuple("package", 2, 0, TaskStatus.PENDING));
        assertThat(node("package").dependsOn()).containsExactly("test", "lint");
        assertThat(model.totalProperty().get()).isEqualTo(4);
        assertThat(model.completedProperty().get()).isZero();

        Workflows.completeByAnAgent(kernel, "build");
        room.drain();

        assertThat(node("build").status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(node("build").agent()).isEqualTo("ci-1");
        assertThat(node("test").status()).isIn(TaskStatus.READY, TaskStatus.ASSIGNED);
        assertThat(model.completedProperty().get()).isEqualTo(1);
        assertThat(model.workflows().getFirst().completed()).isEqualTo(1);
    }

    @Test
    void statusChangesArriveLiveFromTheKernelsEvents() {
        Workflows.release(kernel);
        room.drain();

        kernel.tasks().cancel("lint");
        room.feed().drain();

        assertThat(node("lint").status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(node("package").status()).as("cancelled with what it waited for").isEqualTo(TaskStatus.CANCELLED);
        assertThat(node("build").status()).isEqualTo(TaskStatus.READY);
    }

    @Test
    void theTasksOfNoWorkflowHaveTheirOwnGraph() {
        Workflows.release(kernel);
        kernel.tasks().create(Workflows.task("notes", "Release notes", "package"));
        kernel.tasks().create(Workflows.task("announce", "Announce", "notes"));
        room.drain();

        model.showWorkflow(model.workflows().getLast());

        assertThat(model.nodes()).extracting(TaskNode::taskId, TaskNode::layer, TaskNode::dependsOn)
                .as("a dependency on a workflow's task is not drawn here")
                .containsExactly(tuple("notes", 0, List.of()), tuple("announce", 1, List.of("notes")));
        assertThat(model.totalProperty().get()).isEqualTo(2);
    }

    @Test
    void choosingATaskChoosesItForTheRoom() {
        Workflows.release(kernel);
        room.drain();

        model.selectTask(node("test"));

        assertThat(room.context().selection().selected()).isEqualTo(Selection.Target.task("test"));
        assertThat(model.cancelCommand().isExecutable()).isTrue();
        assertThat(model.retryCommand().isExecutable()).as("a pending task has nothing to retry").isFalse();
    }

    @Test
    void cancelThenRetryChangeTheTasksStatus() {
        Workflows.release(kernel);
        room.drain();
        model.selectTask(node("build"));

        assertThat(model.cancelCommand().execute()).isTrue();
        room.drain();

        assertThat(model.messageProperty().get()).isEqualTo("Cancelled “Build” (now cancelled)");
        assertThat(kernel.tasks().find("build").orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(model.nodes()).extracting(TaskNode::status).containsOnly(TaskStatus.CANCELLED);
        assertThat(model.selectedTaskProperty().get().status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(model.cancelCommand().isExecutable()).isFalse();
        assertThat(model.retryCommand().isExecutable()).isTrue();

        assertThat(model.retryCommand().execute()).isTrue();
        room.drain();

        assertThat(model.messageProperty().get()).isEqualTo("“Build” will run again (now ready)");
        assertThat(node("build").status()).isEqualTo(TaskStatus.READY);
        assertThat(node("test").status()).as("its dependents stay cancelled").isEqualTo(TaskStatus.CANCELLED);
    }

    @Test
    void aRefusedCommandSaysWhyAndChangesNothing() {
        Workflows.release(kernel);
        kernel.tasks().cancel("build");
        room.drain();

        model.selectTask(node("package"));
        model.retryCommand().execute();
        room.drain();

        assertThat(model.messageProperty().get())
                .isEqualTo("Could not retry “Package”: task package depends on a task that did not complete; "
                        + "retry that one");
        assertThat(node("package").status()).isEqualTo(TaskStatus.CANCELLED);

        kernel.tasks().retry("build");
        room.drain();
        model.selectTask(node("build"));
        kernel.tasks().cancel("build");
        assertThat(model.cancelCommand().execute()).as("the view has not heard of the cancel yet").isTrue();
        room.drain();

        assertThat(model.messageProperty().get()).isEqualTo("Could not cancel “Build”: task build is already cancelled");
    }
}
