package org.symbi.agents.flow;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.coding.CodingAgent;
import org.symbi.agents.docs.DocsAgent;
import org.symbi.agents.git.GitAgent;
import org.symbi.agents.git.GitAgentConfig;
import org.symbi.agents.git.RoomTaskResults;
import org.symbi.agents.liveroom.LiveAgentRoom;
import org.symbi.agents.llm.LlmClient;
import org.symbi.agents.llm.ScriptedOpenAiServer;
import org.symbi.agents.llm.TaskBudget;
import org.symbi.agents.planner.PlannerAgent;
import org.symbi.agents.review.ReviewAgent;
import org.symbi.agents.testing.RoomTasks;
import org.symbi.agents.testing.TestAgent;
import org.symbi.agents.testing.TestSettings;
import org.symbi.governance.ApprovalRequest;
import org.symbi.governance.Verdict;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.request.RequestStatus;
import org.symbi.kernel.request.RequestTarget;
import org.symbi.kernel.request.RequestView;
import org.symbi.kernel.trace.StoredTrace;
import org.symbi.ledger.LedgerEntry;
import org.symbi.protocol.TaskStatus;
import org.symbi.protocol.TraceKind;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-to-end flow on a temporary git repository: a typed request is planned, confirmed, branched,
 * coded, tested, reviewed, written into the changelog, merged under an approved warrant and reported — once
 * with a language model (a local OpenAI-compatible server serving scripted completions to the real client),
 * once with none.
 */
class RequestFlowTest {
    private static final String REQUEST = FibonacciScript.REQUEST;
    private static final Duration FLOW = Duration.ofSeconds(90);

    @TempDir
    Path tmp;
    private LiveAgentRoom room;
    private ScriptedOpenAiServer model;

    @AfterEach
    void close() {
        if (room != null) {
            room.close();
        }
        if (model != null) {
            model.close();
        }
    }

    @Test
    void withAModelTheRequestEndsMergedAfterOneApprovalWithAReport() throws Exception {
        model = ScriptedOpenAiServer.start();
        FibonacciScript.serve(model, 6);
        Path repo = repository();
        startTeam(Optional.of(LlmClient.open(model.config("gpt-4o-mini"), model.environment())));
        Kernel kernel = room.kernel();

        RequestView r = kernel.requests().submit(REQUEST, RequestTarget.of(repo, FibonacciScript.TEST_COMMAND),
                "local");
        RequestView planned = await(r.requestId(), s -> s == RequestStatus.AWAITING_CONFIRMATION);
        assertThat(planned.draft().planner()).isEqualTo("llm");
        assertThat(planned.draft().tasks()).extracting(t -> t.taskId())
                .containsExactly("branch", "implement", "write-tests", "run-tests", "commit", "review", "changelog", "merge");

        kernel.requests().confirm(r.requestId(), Kernel.LOCAL_APPROVER);
        ApprovalRequest merge = awaitApproval(kernel);
        assertThat(merge.kind()).isEqualTo("git.merge");
        kernel.governance().approvals().decideLocally(merge.id(), Kernel.LOCAL_APPROVER, Verdict.APPROVE,
                "reviewed and tested");

        RequestView done = await(r.requestId(), s -> !s.open());
        assertThat(done.status()).as(done.detail()).isEqualTo(RequestStatus.COMPLETED);
        JsonNode report = done.report();
        assertThat(report.path("summary").asText()).startsWith("Completed all 8 tasks")
                .contains("merged " + planned.draft().branch() + " into main").contains("tests passed")
                .contains("review pass (llm)");
        try (Git git = Git.open(repo.toFile())) {
            RevCommit head = git.log().add(git.getRepository().resolve("main")).setMaxCount(1).call().iterator().next();
            assertThat(head.getName()).isEqualTo(report.path("merge").path("commit").asText());
            assertThat(git.getRepository().resolve("main:fib.py")).isNotNull();
            assertThat(git.getRepository().resolve("main:test_fib.py")).isNotNull();
        }
        assertThat(Files.readString(repo.resolve("CHANGELOG.md"))).contains(REQUEST);

        // each step is in the traces and the ledger
        List<StoredTrace> planTrace = kernel.traces().forTask(r.planTaskId());
        assertThat(planTrace).extracting(t -> t.step().kind()).contains(TraceKind.LLM_PROMPT, TraceKind.LLM_RESPONSE);
        assertThat(planTrace.getLast().step().content()).startsWith("Completion report: Completed all 8 tasks");
        assertThat(kernel.traces().forTask(r.workflowId() + ".implement")).extracting(t -> t.step().kind())
                .contains(TraceKind.LLM_RESPONSE, TraceKind.TOOL_CALL);
        List<String> actions = ledgerActions(kernel);
        assertThat(actions).containsSubsequence("request.submit", "request.plan", "request.confirm", "request.complete");
        assertThat(actions).contains("warrant.issue", "approval.request", "approval.approve");
        assertThat(model.remaining()).isEqualTo(2);
    }

    @Test
    void withoutAModelTheRulesPlanAndTheCodingTaskWaitsForAnAgentThatCanCode() throws Exception {
        Path repo = repository();
        startTeam(Optional.empty());
        Kernel kernel = room.kernel();

        RequestView r = kernel.requests().submit(REQUEST, RequestTarget.of(repo, FibonacciScript.TEST_COMMAND),
                "local");
        RequestView planned = await(r.requestId(), s -> s == RequestStatus.AWAITING_CONFIRMATION);
        assertThat(planned.draft().planner()).isEqualTo("rules");
        assertThat(planned.detail()).contains("planned by rules (no language model)");
        assertThat(kernel.traces().forTask(r.planTaskId())).extracting(t -> t.step().content())
                .anyMatch(c -> c.startsWith("Planned by rules (no language model)"));

        kernel.requests().confirm(r.requestId(), Kernel.LOCAL_APPROVER);
        String implement = r.workflowId() + ".implement";
        room.awaitTask(r.workflowId() + ".branch", t -> t.status() == TaskStatus.COMPLETED);
        room.awaitTask(implement, t -> t.status() == TaskStatus.READY);
        Thread.sleep(1_500); // several routing passes: nobody holding `code`, the task must still wait
        assertThat(kernel.tasks().find(implement).orElseThrow().status()).isEqualTo(TaskStatus.READY);
        assertThat(kernel.tasks().find(implement).orElseThrow().assignedAgent()).isNull();
        assertThat(kernel.registry().find("coder-1").orElseThrow().card().capabilities()).doesNotContain("code");
        assertThat(kernel.requests().find(r.requestId()).orElseThrow().status()).isEqualTo(RequestStatus.RUNNING);
        try (Git git = Git.open(repo.toFile())) {
            assertThat(git.getRepository().getBranch()).isEqualTo(planned.draft().branch());
        }
    }

    /** The built-in agents a feature needs, each connected through the SDK as in production. */
    private void startTeam(Optional<LlmClient> llm) throws Exception {
        room = new LiveAgentRoom(tmp);
        PlannerAgent planner = PlannerAgent.configured(llm.map(LlmClient::config), model == null ? Map.of()
                : model.environment());
        room.connect(planner.card("planner-1"), planner);
        CodingAgent coder = new CodingAgent(llm, TaskBudget.defaults(), Optional.empty());
        room.connect(coder.card("coder-1"), coder);
        String gitToken = room.token(GitAgent.card("git-1"));
        room.connect(GitAgent.card("git-1"), gitToken, new GitAgent(GitAgentConfig.in(tmp.resolve("workspace"))
                .withTaskResults(new RoomTaskResults(room.httpUri(), () -> gitToken))));
        String testToken = room.token(TestAgent.card("tester-1"));
        room.connect(TestAgent.card("tester-1"), testToken, new TestAgent(TestSettings.defaults(),
                new RoomTasks(HttpClient.newHttpClient(), room.uri(), testToken)));
        ReviewAgent reviewer = new ReviewAgent(llm, TaskBudget.defaults());
        room.connect(reviewer.card("reviewer-1"), reviewer);
        room.connect(DocsAgent.card("docs-1"), new DocsAgent());
    }

    private Path repository() throws Exception {
        return FibonacciScript.repository(tmp.resolve("fib"));
    }

    private RequestView await(String requestId, java.util.function.Predicate<RequestStatus> wanted) throws Exception {
        long end = System.nanoTime() + FLOW.toNanos();
        while (System.nanoTime() < end) {
            RequestView r = room.kernel().requests().find(requestId).orElseThrow();
            if (wanted.test(r.status())) {
                return r;
            }
            Thread.sleep(50);
        }
        RequestView r = room.kernel().requests().find(requestId).orElseThrow();
        throw new AssertionError("request " + requestId + " is " + r.status() + " (" + r.detail() + "); tasks: "
                + room.kernel().tasks().list(null, requestId, 100).stream()
                .map(t -> t.taskId() + "=" + t.status() + " " + t.detail() + (t.status() == TaskStatus.COMPLETED ? ""
                        : " trace " + room.kernel().traces().forTask(t.taskId()).stream()
                        .map(s -> s.step().kind() + ": " + s.step().content()).toList())).toList());
    }

    private ApprovalRequest awaitApproval(Kernel kernel) throws Exception {
        long end = System.nanoTime() + FLOW.toNanos();
        while (System.nanoTime() < end) {
            List<ApprovalRequest> pending = kernel.governance().approvals().pending();
            if (!pending.isEmpty()) {
                return pending.getFirst();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no approval was asked for; tasks: " + kernel.tasks().list(null, null, 100).stream()
                .map(t -> t.taskId() + "=" + t.status() + " " + t.detail()).toList());
    }

    private static List<String> ledgerActions(Kernel kernel) {
        return StreamSupport.stream(kernel.ledger().entries(0, Integer.MAX_VALUE).spliterator(), false)
                .map(LedgerEntry::action).toList();
    }
}
