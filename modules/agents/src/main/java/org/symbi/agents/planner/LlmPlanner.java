package org.symbi.agents.planner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import org.symbi.agents.Capabilities;
import org.symbi.agents.llm.Checked;
import org.symbi.agents.llm.InvalidAnswerException;
import org.symbi.agents.llm.LlmClient;
import org.symbi.agents.llm.LlmException;
import org.symbi.agents.llm.LlmSession;
import org.symbi.agents.llm.TaskBudget;
import org.symbi.agents.llm.TraceSink;
import org.symbi.protocol.TraceKind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Plans with a language model. The model is asked for the task DAG as structured output (a JSON schema whose
 * capabilities are an enumeration of those some agent holds); the answer is validated, and when it is not
 * a valid plan the problems are sent back for another answer, a bounded number of times, after which
 * planning fails with the last problems.
 */
public final class LlmPlanner implements Planner {
    public static final int DEFAULT_RETRIES = 2;

    private final LlmClient llm;
    private final TaskBudget limits;
    private final int retries;

    /**
     * @param limits  the budget of each planning task (a fresh one per plan)
     * @param retries how many more answers are asked for after an invalid one
     */
    public LlmPlanner(LlmClient llm, TaskBudget limits, int retries) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative");
        }
        this.llm = llm;
        this.limits = limits;
        this.retries = retries;
    }

    @Override
    public Plan plan(String request, Collection<String> capabilities, String taskId, TraceSink trace) {
        if (request == null || request.isBlank()) {
            throw new PlanningException("the request is empty: say what should be done");
        }
        List<String> known = List.copyOf(new TreeSet<>(capabilities));
        LlmSession session = llm.session(taskId, limits.fresh(), trace);
        List<ChatMessage> messages = List.of(SystemMessage.from(instructions(known)), UserMessage.from(request.strip()));
        LlmSession.Answer<List<PlannedTask>> answer;
        try {
            answer = session.ask(messages, schema(known), "plan", retries, text -> check(text, known));
        } catch (InvalidAnswerException e) {
            throw new PlanningException(e.getMessage(), e);
        } catch (LlmException e) {
            throw new PlanningException("planning with " + llm.config().describe() + " failed: " + e.getMessage(), e);
        }
        List<PlannedTask> tasks = answer.value();
        session.note(TraceKind.DECISION, "Planned by " + llm.config().describe() + ": " + tasks.size() + " tasks"
                + (answer.attempt() > 1 ? " (answer " + answer.attempt() + ")" : "") + ".", null);
        return new Plan(Plan.LLM, answer.reply().model(), request.strip(), tasks);
    }

    private static Checked<List<PlannedTask>> check(String text, List<String> known) {
        List<PlannedTask> tasks = new ArrayList<>();
        List<String> problems = parse(text, tasks);
        if (problems.isEmpty()) {
            problems = PlanValidator.problems(tasks, known);
        }
        return problems.isEmpty() ? Checked.ok(tasks) : Checked.invalid(problems);
    }

    /** Reads the model's answer into tasks; returns what is wrong with its shape. */
    static List<String> parse(String text, List<PlannedTask> into) {
        Checked<JsonNode> json = Checked.jsonObject(text);
        if (!json.isValid()) {
            return json.problems();
        }
        JsonNode root = json.value();
        if (!root.path("tasks").isArray()) {
            return List.of("the answer must be a JSON object with a \"tasks\" array");
        }
        List<String> problems = new ArrayList<>();
        int n = 0;
        for (JsonNode t : root.get("tasks")) {
            n++;
            if (!t.isObject()) {
                problems.add("task " + n + " is not an object");
                continue;
            }
            List<String> caps = strings(t, "capabilities", n, problems);
            List<String> deps = strings(t, "depends_on", n, problems);
            into.add(new PlannedTask(text(t, "task_id"), text(t, "title"), text(t, "description"), caps, deps));
        }
        return problems;
    }

    private static String text(JsonNode task, String field) {
        JsonNode v = task.get(field);
        return v != null && v.isTextual() ? v.asText().strip() : null;
    }

    private static List<String> strings(JsonNode task, String field, int n, List<String> problems) {
        JsonNode v = task.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            problems.add("task " + n + ": " + field + " must be an array of strings");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        v.forEach(e -> out.add(e.asText().strip()));
        return out;
    }

    static String instructions(List<String> capabilities) {
        StringBuilder s = new StringBuilder("""
                You plan work for a team of software agents. Break the request into a small directed acyclic graph \
                of tasks, from 2 to %d, each small enough for one agent. Changes to code happen on a branch that \
                is tested, reviewed and merged.

                Each task has:
                - task_id: a short lowercase slug (letters, digits, '-'), unique in the plan
                - title: a few words saying what the task does
                - description: what the agent must do, with the details from the request it needs
                - capabilities: what an agent needs to take it, only from the list below
                - depends_on: the task_ids that must be finished first (empty for the first tasks); no cycles

                Capabilities:
                """.formatted(PlanValidator.MAX_TASKS));
        for (String c : capabilities) {
            s.append("- ").append(c).append(": ")
                    .append(Capabilities.DESCRIPTIONS.getOrDefault(c, "held by a connected agent")).append('\n');
        }
        s.append("\nAnswer with JSON only: {\"tasks\": [ ... ]}.");
        return s.toString();
    }

    static JsonSchema schema(List<String> capabilities) {
        JsonObjectSchema task = JsonObjectSchema.builder()
                .addStringProperty("task_id")
                .addStringProperty("title")
                .addStringProperty("description")
                .addProperty("capabilities", JsonArraySchema.builder()
                        .items(JsonEnumSchema.builder().enumValues(capabilities).build()).build())
                .addProperty("depends_on", JsonArraySchema.builder().items(new JsonStringSchema()).build())
                .required("task_id", "title", "description", "capabilities", "depends_on")
                .additionalProperties(false)
                .build();
        JsonObjectSchema root = JsonObjectSchema.builder()
                .addProperty("tasks", JsonArraySchema.builder().items(task).build())
                .required("tasks")
                .additionalProperties(false)
                .build();
        return JsonSchema.builder().name("plan").rootElement(root).build();
    }
}
