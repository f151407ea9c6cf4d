package org.symbi.app.ui;

import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.BuiltInTeam;
import org.symbi.agents.flow.FibonacciScript;
import org.symbi.agents.llm.LlmConfig;
import org.symbi.agents.llm.ScriptedOpenAiServer;
import org.symbi.app.serve.BuiltInAgents;
import org.symbi.app.serve.RoomTeam;
import org.symbi.app.ui.kit.Theme;
import org.symbi.app.ui.metrics.RoomViewTest;
import org.symbi.app.ui.shell.MainView;
import org.symbi.app.ui.shell.MainViewModel;
import org.symbi.app.ui.trace.TracePanel;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.registry.AgentView;
import org.symbi.kernel.request.RequestView;
import org.symbi.ledger.LedgerEntry;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-to-end flow as a person does it in the room's window, with every agent real: the built-in
 * team runs inside the room as the desktop room starts it, its language model a local OpenAI-compatible
 * server with scripted answers. The request is typed and planned, the plan confirmed, the merge's approval
 * dragged onto Approve, and the request ends merged with a completion report, in the repository and the
 * ledger.
 */
class RequestFlowRoomTest extends RoomViewTest {
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final String MODEL = "gpt-4o-mini";
    private static final List<String> KINDS = List.of("planner", "coding", "git", "test", "review", "docs");
    private static final List<String> AGENTS = List.of("planner-1", "coder-1", "git-1", "tester-1", "reviewer-1",
            "docs-1");

    @TempDir
    Path work;
    private RoomFixture room;
    private Kernel kernel;
    private ScriptedOpenAiServer server;
    private BuiltInTeam team;

    @Start
    @Override
    protected void start(Stage stage) {
        super.start(stage);
    }

    @AfterEach
    void stopTeam() {
        if (team != null) {
            team.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aTypedRequestIsPlannedConfirmedApprovedByDragAndEndsMergedWithAReport(FxRobot robot) throws Exception {
        Path repo = FibonacciScript.repository(work.resolve("fib"));
        room = openRoom();
        kernel = room.room().kernel();
        server = ScriptedOpenAiServer.start();
        FibonacciScript.serve(server, 6);
        team = RoomTeam.start(room.room(), new BuiltInAgents(KINDS, List.of()), modelEnvironment());
        assertThat(team.failures()).as("agents that did not start").isEmpty();
        showRoom(robot);
        await(robot, "the built-in agents online", () -> AGENTS.stream().allMatch(id ->
                kernel.registry().find(id).map(AgentView::online).orElse(false)));

        open(robot, "Requests");
        robot.clickOn("#request-text").write(FibonacciScript.REQUEST, 0);
        robot.clickOn("#request-repository").write(repo.toString(), 0);
        robot.clickOn("#request-test-command").write(FibonacciScript.TEST_COMMAND, 0);
        robot.clickOn("#request-plan");
        await(robot, "a plan of 8 steps by " + MODEL, () -> planTable(robot).getItems().size() == 8
                && text(robot, "#request-status").equals("awaiting confirmation"));
        assertThat(text(robot, "#request-planner")).isEqualTo("Planned by " + MODEL);

        robot.clickOn("#request-confirm");
        open(robot, "Approvals");
        await(robot, "the merge's approval in the inbox", () -> robot.lookup(".approval-kind")
                .match(LabeledMatchers.hasText("git.merge")).tryQuery().isPresent());
        Node card = robot.lookup(".approval-card").query();
        Node header = robot.from(card).lookup(".approval-card-header").query();
        robot.drag(header).dropTo("#approve-zone");

        open(robot, "Requests");
        await(robot, "the request completed", () -> text(robot, "#request-status").equals("completed"));
        RequestView done = kernel.requests().list(1).getFirst();
        String branch = done.draft().branch();
        assertThat(text(robot, "#request-report-summary")).startsWith("Completed all 8 tasks")
                .contains("merged " + branch + " into main");

        try (Git git = Git.open(repo.toFile())) {
            Repository r = git.getRepository();
            assertThat(r.resolve("main:fib.py")).as("fib.py on main").isNotNull();
            assertThat(r.resolve("main:test_fib.py")).as("test_fib.py on main").isNotNull();
            String changelog = new String(r.open(r.resolve("main:CHANGELOG.md")).getBytes(), StandardCharsets.UTF_8);
            assertThat(changelog).contains(FibonacciScript.REQUEST);
        }
        assertThat(kernel.ledger().entries(0, Integer.MAX_VALUE)).extracting(LedgerEntry::action)
                .containsSubsequence("request.submit", "request.plan", "request.confirm", "approval.approve",
                        "request.complete");

        open(robot, "Topology");
        robot.interact(room::drain);
        assertThat(AGENTS).allSatisfy(id ->
                assertThat(robot.lookup("#topology-agent-" + id).tryQuery()).as("%s on the topology", id).isPresent());
    }

    /** The model at the scripted server, as the environment names it to the built-in agents. */
    private Map<String, String> modelEnvironment() {
        LlmConfig model = server.config(MODEL);
        Map<String, String> env = new HashMap<>(server.environment());
        env.put(LlmConfig.ENV_PROVIDER, model.kind().wire());
        env.put(LlmConfig.ENV_MODEL, model.model());
        env.put(LlmConfig.ENV_BASE_URL, model.baseUrl());
        env.put(LlmConfig.ENV_API_KEY_ENV, model.apiKeyEnv());
        return env;
    }

    /** The room's window content on the stage, every view built on the room as the desktop room builds them. */
    private void showRoom(FxRobot robot) {
        robot.interact(() -> {
            MainViewModel shell = new MainViewModel(Theme.LIGHT);
            MainView view = new MainView(shell);
            show(view);
            view.roomReady(room.context(), RoomFeatures.all(shell), TracePanel.create(room.context()));
            room.drain();
        });
    }

    /** Chooses a view in the navigation, as a person does. */
    private static void open(FxRobot robot, String title) {
        Node navigation = robot.lookup("#navigation").query();
        robot.clickOn(robot.from(navigation).lookup(".list-cell").match(LabeledMatchers.hasText(title))
                .queryAs(Node.class));
    }

    private static TableView<?> planTable(FxRobot robot) {
        return robot.lookup("#request-plan-table").queryAs(TableView.class);
    }

    private static String text(FxRobot robot, String query) {
        return Optional.ofNullable(robot.lookup(query).queryAs(Labeled.class).getText()).orElse("");
    }

    /** Runs pulses until the condition holds on the FX thread; fails after a while saying where the work is. */
    private void await(FxRobot robot, String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + STEP.toNanos();
        AtomicBoolean met = new AtomicBoolean();
        while (true) {
            robot.interact(() -> {
                room.drain();
                met.set(condition.getAsBoolean());
            });
            if (met.get()) {
                return;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("waited " + STEP.toSeconds() + " s for " + what + "; " + state());
            }
            Thread.sleep(50);
        }
    }

    /** The requests and tasks as the kernel has them, for a failure message. */
    private String state() {
        String requests = kernel.requests().list(10).stream()
                .map(r -> r.requestId() + " " + r.status() + " (" + r.detail() + ")")
                .collect(Collectors.joining("; "));
        String tasks = kernel.tasks().list(null, null, 100).stream()
                .map(t -> t.taskId() + "=" + t.status() + (t.assignedAgent() == null ? "" : " by " + t.assignedAgent())
                        + (t.detail() == null ? "" : " (" + t.detail() + ")"))
                .collect(Collectors.joining("; "));
        String agents = kernel.registry().all().stream().map(a -> a.card().agentId() + (a.online() ? "" : " offline"))
                .collect(Collectors.joining(", "));
        return "requests: " + requests + "; tasks: " + tasks + "; agents: " + agents + "; model calls left: "
                + server.remaining() + "; pending approvals: " + kernel.governance().approvals().pending().size();
    }
}
