package org.symbi.agents.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import org.symbi.agents.diff.UnifiedDiff;
import org.symbi.agents.llm.Checked;
import org.symbi.agents.llm.LlmClient;
import org.symbi.agents.llm.LlmSession;
import org.symbi.agents.llm.TaskBudget;
import org.symbi.agents.llm.TraceSink;
import org.symbi.agents.review.Finding.Category;
import org.symbi.agents.review.Finding.Severity;
import org.symbi.protocol.TraceKind;
import org.symbi.sdk.Trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reviews a diff: always the {@link StaticChecks}; with a model, also the review questions of security,
 * correctness and style, answered as structured findings. An error-level finding from either fails the
 * review.
 */
public final class Reviewer {
    /** The diff is cut here in the prompt; the static checks always see all of it. */
    static final int MAX_DIFF_CHARS = 100_000;
    private static final int RETRIES = 2;

    private final Optional<LlmClient> llm;
    private final TaskBudget limits;

    public Reviewer(Optional<LlmClient> llm, TaskBudget limits) {
        this.llm = llm;
        this.limits = limits;
    }

    /**
     * @param context what the change is for (the task's title and description), for the model
     * @throws org.symbi.agents.llm.LlmException when the model fails or never answers with a valid review
     */
    public Review review(String diff, String context, String taskId, TraceSink trace) {
        List<UnifiedDiff.FileChange> files = UnifiedDiff.parse(diff);
        trace.record(Trace.toolCall(taskId, "static_checks", JsonNodeFactory.instance.objectNode()
                .put("files", files.size()).put("diff_chars", diff.length())));
        List<Finding> findings = new ArrayList<>(StaticChecks.check(files));
        if (files.isEmpty()) {
            findings.add(new Finding(Category.CORRECTNESS, Severity.ERROR, null, 0,
                    "the diff is empty: there is no change to review"));
        }
        trace.record(Trace.observation(taskId, "Static checks: " + count(findings)
                + findings.stream().map(f -> "\n- " + f.describe()).collect(Collectors.joining())));
        Review review;
        if (llm.isPresent() && !files.isEmpty()) {
            review = withModel(llm.get(), diff, context, files.size(), findings, taskId, trace);
        } else {
            review = new Review(Review.verdictOf(findings), Review.STATIC, "Static checks only ("
                    + (llm.isPresent() ? "nothing for a model to review" : "no language model configured") + "): "
                    + count(findings) + " in " + files.size() + " files.", findings, files.size());
        }
        trace.record(Trace.decision(taskId, "Verdict: " + review.verdict().wire() + ". " + review.summary(), null));
        return review;
    }

    private Review withModel(LlmClient client, String diff, String context, int fileCount, List<Finding> statics,
                             String taskId, TraceSink trace) {
        LlmSession session = client.session(taskId, limits.fresh(), trace);
        String shown = diff.length() <= MAX_DIFF_CHARS ? diff
                : diff.substring(0, MAX_DIFF_CHARS) + "\n… (the diff goes on for " + (diff.length() - MAX_DIFF_CHARS)
                        + " more characters)";
        String user = "The change is for:\n" + context + "\n\nStatic checks already found (do not repeat them):\n"
                + (statics.isEmpty() ? "nothing" : statics.stream().map(Finding::describe)
                        .collect(Collectors.joining("\n"))) + "\n\nThe diff:\n" + shown;
        LlmSession.Answer<ModelReview> answer = session.ask(
                List.of(SystemMessage.from(INSTRUCTIONS), UserMessage.from(user)), SCHEMA, "review", RETRIES,
                Reviewer::read);
        List<Finding> findings = new ArrayList<>(statics);
        findings.addAll(answer.value().findings());
        boolean failed = answer.value().fail() || Review.verdictOf(findings) == Review.Verdict.FAIL;
        session.note(TraceKind.THOUGHT, "The model's verdict: " + (answer.value().fail() ? "fail" : "pass") + "; "
                + answer.value().findings().size() + " findings of its own.", null);
        return new Review(failed ? Review.Verdict.FAIL : Review.Verdict.PASS, Review.LLM,
                answer.value().summary() + " (" + count(findings) + " in " + fileCount + " files)", findings, fileCount);
    }

    private record ModelReview(boolean fail, String summary, List<Finding> findings) {
    }

    private static Checked<ModelReview> read(String text) {
        Checked<JsonNode> json = Checked.jsonObject(text);
        if (!json.isValid()) {
            return Checked.invalid(json.problems());
        }
        JsonNode root = json.value();
        List<String> problems = new ArrayList<>();
        String verdict = root.path("verdict").asText("");
        if (!verdict.equals("pass") && !verdict.equals("fail")) {
            problems.add("verdict must be \"pass\" or \"fail\"");
        }
        if (!root.path("summary").isTextual() || root.path("summary").asText().isBlank()) {
            problems.add("summary must say in a sentence or two what the change does and how good it is");
        }
        List<Finding> findings = new ArrayList<>();
        int n = 0;
        for (JsonNode f : root.path("findings")) {
            n++;
            Category category = enumOf(Category.class, f.path("category").asText(""));
            Severity severity = enumOf(Severity.class, f.path("severity").asText(""));
            String message = f.path("message").asText("").strip();
            if (category == null || severity == null || message.isEmpty()) {
                problems.add("finding " + n + " needs a category (security, correctness, style), a severity "
                        + "(error, warning, note) and a message");
                continue;
            }
            String file = f.path("file").asText("").strip();
            findings.add(new Finding(category, severity, file.isEmpty() ? null : file,
                    Math.max(0, f.path("line").asInt(0)), message));
        }
        if (!root.path("findings").isArray()) {
            problems.add("findings must be an array (empty when there are none)");
        }
        return problems.isEmpty() ? Checked.ok(new ModelReview(verdict.equals("fail"), root.path("summary").asText()
                .strip(), findings)) : Checked.invalid(problems);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String wire) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().toLowerCase(Locale.ROOT).equals(wire))
                .findFirst().orElse(null);
    }

    private static String count(List<Finding> findings) {
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        return errors + " errors, " + (findings.size() - errors) + " other findings";
    }

    static final String INSTRUCTIONS = """
            You review a change to a code repository, as a careful senior engineer would in a code review. \
            Ask of the diff:
            - Security: could it leak secrets or personal data, run untrusted input (injection, path \
            traversal, deserialisation), weaken authentication or permissions, add a vulnerable dependency?
            - Correctness: does it do what the change is for, handle edge cases and errors, keep existing \
            behaviour, come with tests that would catch a regression?
            - Style: is it clear, consistent with the code around it, free of dead code and needless complexity?

            Report each problem as a finding: category (security, correctness, style); severity (error: must be \
            fixed before merging; warning: should be fixed; note: a suggestion); file and line in the new version \
            (line 0 when it is about the file or the change as a whole); and a message saying what is wrong and \
            how to fix it. The verdict is "fail" when any finding is an error, else "pass". Answer with JSON only.""";

    static final JsonSchema SCHEMA = JsonSchema.builder().name("review").rootElement(JsonObjectSchema.builder()
            .addEnumProperty("verdict", List.of("pass", "fail"))
            .addStringProperty("summary")
            .addProperty("findings", JsonArraySchema.builder().items(JsonObjectSchema.builder()
                    .addEnumProperty("category", List.of("security", "correctness", "style"))
                    .addEnumProperty("severity", List.of("error", "warning", "note"))
                    .addStringProperty("file")
                    .addProperty("line", new JsonIntegerSchema())
                    .addStringProperty("message")
                    .required("category", "severity", "file", "line", "message")
                    .additionalProperties(false)
                    .build()).build())
            .required("verdict", "summary", "findings")
            .additionalProperties(false)
            .build()).build();
}
