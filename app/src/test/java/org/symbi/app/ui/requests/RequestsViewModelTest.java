package org.symbi.app.ui.requests;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.symbi.app.showcase.DemoTeam;
import org.symbi.app.ui.RoomTest;
import org.symbi.app.ui.kit.Notifier;
import org.symbi.app.ui.kit.Selection;
import org.symbi.app.ui.settings.RoomSettings;
import org.symbi.kernel.request.RequestStatus;
import org.symbi.protocol.TaskStatus;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.symbi.app.ui.requests.RequestTeam.FIBONACCI;
import static org.symbi.app.ui.requests.RequestTeam.await;

/**
 * The requests view model on a real room, with the built-in planner (no language model) connected through
 * the gateway: a typed request against a temporary git repository is planned by the rules, shown step by
 * step, and confirmed, refused or discarded as a person would.
 */
class RequestsViewModelTest extends RoomTest {
    private RequestTeam team;
    private RequestsViewModel model;
    private Path repo;

    @AfterEach
    void closeTeam() {
        if (team != null) {
            team.close();
        }
    }

    /** The planner connected, the Fibonacci request submitted and planned; returns its id. */
    private String planned() throws Exception {
        repo = DemoTeam.repository(data.resolve("fib"));
        team = new RequestTeam(room.room()).withRulesPlanner();
        model = new RequestsViewModel(room.context());
        room.drain();
        model.form().textProperty().set(FIBONACCI);
        model.form().repositoryProperty().set(repo.toString());
        model.form().testCommandProperty().set("python3 -m unittest -v");
        assertThat(model.form().planCommand().execute()).isTrue();
        room.drain();
        await(room::drain, () -> model.selected() != null
                && model.selected().status() == RequestStatus.AWAITING_CONFIRMATION);
        return model.selected().requestId();
    }

    @Test
    void aTypedRequestIsPlannedByTheRulesAndWaitsForConfirmation() throws Exception {
        String id = planned();

        assertThat(model.form().problemProperty().get()).isEmpty();
        assertThat(model.form().infoProperty().get()).startsWith("Planning “Add a function that returns");
        assertThat(model.form().textProperty().get()).as("the bar is ready for the next request").isEmpty();
        assertThat(model.requests()).extracting(RequestRow::requestId).containsExactly(id);
        RequestRow row = model.selected();
        assertThat(row.firstLine()).isEqualTo(FIBONACCI);
        assertThat(row.repository()).isEqualTo("fib");
        assertThat(row.plannerLabel()).startsWith("Planned by rules (no language model)");
        assertThat(row.branchLine()).startsWith("Branch feature/" + id + "-").contains(" from main");
        assertThat(model.planRows()).extracting(PlanRow::taskId).containsExactly("branch", "implement",
                "write-tests", "run-tests", "commit", "review", "changelog", "merge");
        assertThat(model.planRows()).allSatisfy(r -> assertThat(r.statusText()).isEqualTo("planned"));
        PlanRow commit = model.planRows().get(4);
        assertThat(commit.addedByRoom()).isTrue();
        assertThat(commit.addedBy()).contains("committed before review");
        assertThat(commit.capabilities()).containsExactly("git");
        assertThat(model.planRows().stream().filter(r -> !r.taskId().equals("commit")))
                .noneMatch(PlanRow::addedByRoom);
        assertThat(model.planRows().get(2).dependsOn()).as("one change to the working tree at a time")
                .contains("branch", "implement");
        assertThat(model.reportFacts()).isEmpty();
        assertThat(model.confirmCommand().isExecutable()).isTrue();
        assertThat(room.notifications()).anySatisfy(n -> {
            assertThat(n.severity()).isEqualTo(Notifier.Severity.WARNING);
            assertThat(n.title()).isEqualTo("Plan ready for confirmation");
            assertThat(n.text()).contains("“" + FIBONACCI + "”").contains("planned by rules (no language model)");
        });
    }

    @Test
    void theWorkingTreeIsKeptForTheNextRequest() throws Exception {
        planned();

        assertThat(RoomSettings.load(room.room().dataDir()).settings().lastRepository())
                .isEqualTo(repo.toAbsolutePath().normalize().toString());
        RequestsViewModel next = new RequestsViewModel(room.context());
        room.drain();
        assertThat(next.form().repositoryProperty().get()).isEqualTo(repo.toAbsolutePath().normalize().toString());
    }

    @Test
    void confirmingWithNoGitAgentOnlineSaysSoPlainlyAndNothingRuns() throws Exception {
        String id = planned();

        model.confirmCommand().execute();
        room.drain();

        assertThat(model.problemProperty().get()).isEqualTo("Not confirmed: no agent online holds 'git', which this "
                + "plan's gated steps need; start one and confirm again");
        assertThat(model.selected().status()).isEqualTo(RequestStatus.AWAITING_CONFIRMATION);
        assertThat(model.confirmCommand().isExecutable()).isTrue();
        assertThat(kernel.tasks().workflow(id)).isEmpty();
    }

    @Test
    void discardingEndsThePlanWithTheReason() throws Exception {
        String id = planned();

        model.discard("not before the release");
        room.drain();

        assertThat(model.selected().status()).isEqualTo(RequestStatus.DISCARDED);
        assertThat(model.selected().request().detail()).contains("not before the release");
        assertThat(model.messageProperty().get()).startsWith("Discarded by ");
        assertThat(model.decidableProperty().get()).isFalse();
        assertThat(model.confirmCommand().isExecutable()).isFalse();
        assertThat(kernel.requests().find(id).orElseThrow().status()).isEqualTo(RequestStatus.DISCARDED);
    }

    /** Planned, then confirmed with the git agent online, which makes the branch; returns the request's id. */
    private String running() throws Exception {
        String id = planned();
        team.withGitAgent(data.resolve("git-workspace"));

        model.confirmCommand().execute();
        room.drain();
        assertThat(model.problemProperty().get()).isEmpty();
        assertThat(model.messageProperty().get()).startsWith("Confirmed by ");
        assertThat(model.selected().status()).isEqualTo(RequestStatus.RUNNING);

        // the branch is made by the git agent; nobody holds `code`, so the implementation waits
        await(room::drain, () -> step("branch").status() == TaskStatus.COMPLETED
                && step("implement").status() == TaskStatus.READY);
        return id;
    }

    @Test
    void aConfirmedPlanShowsItsTasksLiveAndChoosingOneShowsItsTrace() throws Exception {
        String id = running();

        assertThat(step("branch").agent()).isEqualTo("git-1");
        assertThat(step("branch").statusStyle()).isEqualTo("task-status-completed");
        assertThat(step("implement").agent()).isNull();
        assertThat(step("merge").statusText()).isEqualTo("pending");
        assertThat(model.confirmCommand().isExecutable()).isFalse();
        try (Git git = Git.open(repo.toFile())) {
            assertThat(git.getRepository().getBranch()).startsWith("feature/" + id);
        }

        model.selectTask(step("branch"));
        assertThat(room.context().selection().selected()).isEqualTo(Selection.Target.task(id + ".branch"));
        assertThat(model.chosenStepProperty().get()).isEqualTo("branch");
    }

    @Test
    void aRequestWhoseWorkStoppedShowsItsCompletionReportAndNotifies() throws Exception {
        String id = running();

        kernel.tasks().cancel(id + ".implement");
        await(room::drain, () -> model.selected().status() == RequestStatus.FAILED);

        RequestRow row = model.selected();
        assertThat(row.reportSummary()).startsWith("Stopped after 1 of 8 tasks");
        assertThat(row.request().detail()).isEqualTo(row.reportSummary());
        assertThat(row.request().report().path("tasks")).hasSize(8);
        assertThat(model.reportFacts()).as("only the branch was made: nothing merged, tested, reviewed or written")
                .isEmpty();
        assertThat(step("implement").statusText()).isEqualTo("cancelled");
        assertThat(room.notifications()).anySatisfy(n -> {
            assertThat(n.severity()).isEqualTo(Notifier.Severity.ERROR);
            assertThat(n.title()).isEqualTo("Request failed");
            assertThat(n.text()).startsWith("“" + FIBONACCI + "”: Stopped after 1 of 8 tasks");
        });
    }

    @Test
    void badInputSaysWhyAndKeepsWhatWasTyped() throws Exception {
        model = new RequestsViewModel(room.context());
        room.drain();
        model.form().textProperty().set("Fix the crash on empty input");

        model.form().planCommand().execute();
        room.drain();
        assertThat(model.form().problemProperty().get()).isEqualTo(RequestForm.NO_REPOSITORY);

        Path plain = Files.createDirectories(data.resolve("plain"));
        model.form().repositoryProperty().set(plain.toString());
        model.form().planCommand().execute();
        room.drain();
        assertThat(model.form().problemProperty().get()).startsWith("Not planned: ")
                .contains("is not a git working tree");

        Path detached = DemoTeam.repository(data.resolve("detached"));
        try (Git git = Git.open(detached.toFile())) {
            git.checkout().setName(git.getRepository().resolve("HEAD").name()).call();
        }
        model.form().repositoryProperty().set(detached.toString());
        model.form().planCommand().execute();
        room.drain();
        assertThat(model.form().problemProperty().get()).contains("detached HEAD");

        model.form().repositoryProperty().set(data.resolve("missing").toString());
        model.form().planCommand().execute();
        room.drain();
        assertThat(model.form().problemProperty().get()).contains("no such directory");

        assertThat(model.form().textProperty().get()).isEqualTo("Fix the crash on empty input");
        model.form().textProperty().set("   ");
        model.form().repositoryProperty().set(DemoTeam.repository(data.resolve("fib")).toString());
        model.form().planCommand().execute();
        room.drain();
        assertThat(model.form().problemProperty().get()).isEqualTo("Not planned: the request is empty: say what "
                + "should be done");
        assertThat(kernel.requests().list(10)).isEmpty();
        assertThat(model.requests()).isEmpty();
    }

    private PlanRow step(String taskId) {
        return model.planRows().stream().filter(r -> r.taskId().equals(taskId)).findFirst().orElseThrow();
    }
}
