package org.symbi.agents.planner;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks that tasks form a plan the room can run: well-formed ids, titles and capabilities, every capability
 * one that some agent holds, every dependency inside the plan, and no cycle. The problems are worded to be
 * shown to a person, or fed back to the model that made the plan.
 */
public final class PlanValidator {
    public static final int MAX_TASKS = 30;
    static final Pattern TASK_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,47}");

    private PlanValidator() {
    }

    /** @return the problems, empty when the plan is valid */
    public static List<String> problems(List<PlannedTask> tasks, Collection<String> knownCapabilities) {
        List<String> problems = new ArrayList<>();
        if (tasks.isEmpty()) {
            problems.add("the plan has no tasks");
            return problems;
        }
        if (tasks.size() > MAX_TASKS) {
            problems.add("the plan has " + tasks.size() + " tasks; at most " + MAX_TASKS);
        }
        Set<String> known = new TreeSet<>(knownCapabilities);
        Map<String, PlannedTask> byId = new LinkedHashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            PlannedTask t = tasks.get(i);
            String name = t.taskId() == null || t.taskId().isBlank() ? "task " + (i + 1) : "task '" + t.taskId() + "'";
            if (t.taskId() == null || !TASK_ID.matcher(t.taskId()).matches()) {
                problems.add(name + ": task_id must be 1 to 48 lowercase letters, digits, '-' or '_'");
            } else if (byId.putIfAbsent(t.taskId(), t) != null) {
                problems.add(name + " appears twice; task ids must be unique");
            }
            if (t.title() == null || t.title().isBlank()) {
                problems.add(name + " has no title");
            }
            if (t.capabilities().isEmpty()) {
                problems.add(name + " names no capabilities; each task needs at least one");
            }
            for (String c : t.capabilities()) {
                if (!known.contains(c)) {
                    problems.add(name + " needs capability '" + c + "', which no agent holds (known: "
                            + String.join(", ", known) + ")");
                }
            }
        }
        for (PlannedTask t : byId.values()) {
            for (String dep : t.dependsOn()) {
                if (dep.equals(t.taskId())) {
                    problems.add("task '" + t.taskId() + "' depends on itself");
                } else if (!byId.containsKey(dep)) {
                    problems.add("task '" + t.taskId() + "' depends on '" + dep + "', which is not in the plan");
                }
            }
        }
        List<String> cycle = findCycle(byId);
        if (!cycle.isEmpty()) {
            problems.add("the plan has a dependency cycle (each depends on the next): " + String.join(" → ", cycle));
        }
        return problems;
    }

    private static List<String> findCycle(Map<String, PlannedTask> byId) {
        Map<String, Boolean> done = new HashMap<>(); // false: on the current path, true: finished
        for (String id : byId.keySet()) {
            List<String> cycle = visit(id, byId, done, new ArrayList<>());
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> visit(String id, Map<String, PlannedTask> byId, Map<String, Boolean> done,
                                      List<String> path) {
        Boolean state = done.get(id);
        if (Boolean.TRUE.equals(state) || !byId.containsKey(id)) {
            return List.of();
        }
        if (state != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
            cycle.add(id);
            return cycle;
        }
        done.put(id, false);
        path.add(id);
        for (String dep : byId.get(id).dependsOn()) {
            if (!dep.equals(id)) {
                List<String> cycle = visit(dep, byId, done, path);
                if (!cycle.isEmpty()) {
                    return cycle;
                }
            }
        }
        path.removeLast();
        done.put(id, true);
        return List.of();
    }
}
