package org.symbi.agents.planner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.protocol.TaskSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * A request broken into a DAG of tasks.
 *
 * @param planner {@value #LLM} when a language model made it, {@value #RULES} when the rule-based planner did
 * @param basis   what the plan rests on, for people: the model that made it, or the kind of request the rules
 *                recognised
 */
public record Plan(String planner, String basis, String request, List<PlannedTask> tasks) {
    public static final String LLM = "llm";
    public static final String RULES = "rules";

    public Plan {
        tasks = List.copyOf(tasks);
    }

    /**
     * The plan as {@code symbi plan --json} prints it:
     * {@code {"planner":…,"tasks":[{"task_id":…,"title":…,"capabilities":[…],"depends_on":[…]}…]}}.
     */
    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode().put("planner", planner);
        ArrayNode list = root.putArray("tasks");
        for (PlannedTask t : tasks) {
            ObjectNode task = list.addObject().put("task_id", t.taskId()).put("title", t.title());
            t.capabilities().forEach(task.putArray("capabilities")::add);
            t.dependsOn().forEach(task.putArray("depends_on")::add);
        }
        return root;
    }

    /** The whole plan, descriptions and basis included, as the planner agent reports it; read by {@link #fromJson}. */
    public ObjectNode toDetailedJson() {
        ObjectNode root = toJson().put("basis", basis).put("request", request);
        for (int i = 0; i < tasks.size(); i++) {
            ((ObjectNode) root.get("tasks").get(i)).put("description", tasks.get(i).description());
        }
        return root;
    }

    /** Reads what {@link #toDetailedJson} wrote. */
    public static Plan fromJson(JsonNode json) {
        List<PlannedTask> tasks = new ArrayList<>();
        for (JsonNode t : json.path("tasks")) {
            tasks.add(new PlannedTask(t.path("task_id").asText(), t.path("title").asText(),
                    t.path("description").isTextual() ? t.path("description").asText() : null,
                    strings(t.path("capabilities")), strings(t.path("depends_on"))));
        }
        return new Plan(json.path("planner").asText(), json.path("basis").asText(null),
                json.path("request").asText(null), tasks);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }

    /**
     * The tasks as the room creates them in a workflow. Task ids are unique across the room, so each plan id
     * is prefixed with the workflow's: {@code WORKFLOW.design}. Each task's input carries the request.
     */
    public List<TaskSpec> toTaskSpecs(String workflowId) {
        JsonNode input = JsonNodeFactory.instance.objectNode().put("request", request).put("planner", planner);
        return tasks.stream()
                .map(t -> new TaskSpec(workflowId + "." + t.taskId(), workflowId, t.title(), t.description(),
                        t.capabilities(), null, null, null,
                        t.dependsOn().stream().map(d -> workflowId + "." + d).toList(), null, null, input))
                .toList();
    }
}
