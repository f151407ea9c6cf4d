package org.symbi.agents.review;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.diff.Diffs;
import org.symbi.agents.diff.TempRepo;
import org.symbi.agents.llm.InvalidAnswerException;
import org.symbi.agents.llm.LlmClient;
import org.symbi.agents.llm.ScriptedOpenAiServer;
import org.symbi.agents.llm.TaskBudget;
import org.symbi.protocol.TraceKind;
import org.symbi.protocol.TraceStep;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReviewerTest {
    private static final String PASSING = """
            {"verdict": "pass", "summary": "Adds fib(n) iteratively, with tests.",
             "findings": [{"category": "style", "severity": "note", "file": "src/main/java/Fib.java", "line": 2,
                           "message": "Name the loop variable."}]}""";

    @TempDir
    Path dir;
    private ScriptedOpenAiServer server;
    private final List<TraceStep> steps = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = ScriptedOpenAiServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String fibDiff(String extraLine) throws Exception {
        try (TempRepo repo = TempRepo.init(dir)) {
            repo.write("src/main/java/Fib.java", "class Fib {\n    static long fib(int n) { return n; }\n" + extraLine + "}\n")
                    .write("src/test/java/FibTest.java", "class FibTest {}\n").stageAll();
            return Diffs.staged(repo.repository());
        }
    }

    private Reviewer withModel() {
        return new Reviewer(Optional.of(LlmClient.open(server.config("gpt-4o-mini"), server.environment())),
                TaskBudget.defaults());
    }

    @Test
    void withoutAModelTheStaticChecksDecideAndSaySo() throws Exception {
        Review review = new Reviewer(Optional.empty(), TaskBudget.defaults())
                .review(fibDiff("    // FIXME overflow\n"), "Add fib", "t-review", steps::add);

        assertThat(review.verdict()).isEqualTo(Review.Verdict.PASS);
        assertThat(review.reviewer()).isEqualTo(Review.STATIC);
        assertThat(review.summary()).isEqualTo("Static checks only (no language model configured): 0 errors, "
                + "1 other findings in 2 files.");
        assertThat(steps).extracting(TraceStep::kind)
                .containsExactly(TraceKind.TOOL_CALL, TraceKind.OBSERVATION, TraceKind.DECISION);
        assertThat(steps.get(2).content()).startsWith("Verdict: pass. Static checks only");
        JsonNode json = review.toJson();
        assertThat(json.path("verdict").asText()).isEqualTo("pass");
        assertThat(json.path("findings").get(0).path("line").asInt()).isEqualTo(3);
    }

    @Test
    void anEmptyDiffFails() {
        Review review = new Reviewer(Optional.empty(), TaskBudget.defaults()).review("", "Add fib", null, steps::add);
        assertThat(review.verdict()).isEqualTo(Review.Verdict.FAIL);
        assertThat(review.findings()).extracting(Finding::message).containsExactly("the diff is empty: there is no "
                + "change to review");
    }

    @Test
    void theModelReviewsTheDiffKnowingWhatTheStaticChecksFound() throws Exception {
        server.reply(PASSING, 2000, 150);

        Review review = withModel().review(fibDiff("    // TODO memoise\n"), "Add fib\nWith tests.", "t-review",
                steps::add);

        assertThat(review.verdict()).isEqualTo(Review.Verdict.PASS);
        assertThat(review.reviewer()).isEqualTo(Review.LLM);
        assertThat(review.summary()).isEqualTo("Adds fib(n) iteratively, with tests. (0 errors, 2 other findings in 2 files)");
        assertThat(review.findings()).extracting(Finding::describe).containsExactly(
                "warning correctness src/main/java/Fib.java:3: adds a note of unfinished work: // TODO memoise",
                "note style src/main/java/Fib.java:2: Name the loop variable.");
        JsonNode body = server.requests().getFirst().body();
        assertThat(body.path("response_format").path("json_schema").path("name").asText()).isEqualTo("review");
        assertThat(body.path("messages").get(0).path("content").asText()).contains("- Security:")
                .contains("- Correctness:").contains("- Style:");
        assertThat(server.requests().getFirst().lastMessage())
                .startsWith("The change is for:\nAdd fib\nWith tests.")
                .contains("warning correctness src/main/java/Fib.java:3: adds a note of unfinished work")
                .contains("+    static long fib(int n) { return n; }");
        assertThat(steps).extracting(TraceStep::kind).containsExactly(TraceKind.TOOL_CALL, TraceKind.OBSERVATION,
                TraceKind.LLM_PROMPT, TraceKind.LLM_RESPONSE, TraceKind.THOUGHT, TraceKind.DECISION);
    }

    @Test
    void aStaticErrorFailsTheReviewWhateverTheModelSays() throws Exception {
        server.reply(PASSING);

        Review review = withModel().review(fibDiff("    String key = \"sk-proj-abcdefghijklmnopqrstuvwxyz\";\n"),
                "Add fib", null, steps::add);

        assertThat(review.verdict()).isEqualTo(Review.Verdict.FAIL);
        assertThat(review.findings().getFirst().category()).isEqualTo(Finding.Category.SECURITY);
    }

    @Test
    void theModelsFailingVerdictFailsTheReviewAndBadAnswersAreSentBack() throws Exception {
        server.reply("{\"verdict\": \"maybe\", \"summary\": \"\", \"findings\": [{\"category\": \"taste\"}]}");
        server.reply("""
                {"verdict": "fail", "summary": "fib is wrong for n > 1.",
                 "findings": [{"category": "correctness", "severity": "error", "file": "src/main/java/Fib.java",
                               "line": 2, "message": "fib(n) returns n."}]}""");

        Review review = withModel().review(fibDiff(""), "Add fib", null, steps::add);

        assertThat(review.verdict()).isEqualTo(Review.Verdict.FAIL);
        assertThat(review.findings()).extracting(Finding::describe)
                .containsExactly("error correctness src/main/java/Fib.java:2: fib(n) returns n.");
        assertThat(server.requests().get(1).lastMessage())
                .contains("verdict must be \"pass\" or \"fail\"")
                .contains("summary must say")
                .contains("finding 1 needs a category (security, correctness, style)");
    }

    @Test
    void aModelThatNeverAnswersProperlyFailsTheReview() throws Exception {
        server.reply("no").reply("no").reply("no");
        assertThatThrownBy(() -> withModel().review(fibDiff(""), "Add fib", null, steps::add))
                .isInstanceOf(InvalidAnswerException.class)
                .hasMessageStartingWith("the model gave no valid review in 3 answers");
    }
}
