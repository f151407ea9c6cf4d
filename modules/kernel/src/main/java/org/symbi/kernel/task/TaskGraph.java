package org.symbi.kernel.task;

import org.symbi.protocol.TaskSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks that a set of task specs forms a workflow the manager can run: a DAG of well-formed tasks. */
final class TaskGraph {
    private TaskGraph() {
    }

    /** Rejects a task that no agent could be chosen for. */
    static void checkTask(TaskSpec s) {
        if (s.taskId() == null || s.taskId().isBlank() || s.taskId().length() > 128) {
            throw new IllegalArgumentException("task_id must be 1 to 128 characters: " + s.taskId());
        }
        if (s.requiredCapabilities().isEmpty()) {
            throw new IllegalArgumentException("task " + s.taskId() + " has no required_capabilities; "
                    + "routing needs at least one");
        }
        if (s.dependsOn().contains(s.taskId())) {
            throw new IllegalArgumentException("task " + s.taskId() + " depends on itself");
        }
    }

    /** Ids unique, every dependency inside the workflow, no cycle (the message names one). */
    static void checkWorkflow(List<TaskSpec> specs) {
        Map<String, TaskSpec> byId = new LinkedHashMap<>();
        for (TaskSpec s : specs) {
            checkTask(s);
            if (byId.putIfAbsent(s.taskId(), s) != null) {
                throw new IllegalArgumentException("task_id " + s.taskId() + " appears twice in the workflow");
            }
        }
        for (TaskSpec s : specs) {
            for (String dep : s.dependsOn()) {
                if (!byId.containsKey(dep)) {
                    throw new IllegalArgumentException("task " + s.taskId() + " depends on " + dep
                            + ", which is not in the workflow");
                }
            }
        }
        Map<String, Integer> state = new HashMap<>(); // absent: unvisited, 1: on the path, 2: done
        for (String id : byId.keySet()) {
            List<String> cycle = findCycle(id, byId, state, new ArrayList<>());
            if (cycle != null) {
                throw new IllegalArgumentException("the workflow has a dependency cycle (each depends on the next): "
                        + String.join(" → ", cycle));
            }
        }
    }

    private static List<String> findCycle(String id, Map<String, TaskSpec> byId, Map<String, Integer> state,
                                          List<String> path) {
        Integer s = state.get(id);
        if (s != null && s == 2) {
            return null;
        }
        if (s != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
            cycle.add(id);
            return cycle;
        }
        state.put(id, 1);
        path.add(id);
        for (String dep : byId.get(id).dependsOn()) {
            List<String> cycle = findCycle(dep, byId, state, path);
            if (cycle != null) {
                return cycle;
            }
        }
        path.removeLast();
        state.put(id, 2);
        return null;
    }

    /** Task ids of the specs, for existence checks. */
    static Set<String> ids(List<TaskSpec> specs) {
        Set<String> ids = new HashSet<>();
        specs.forEach(s -> ids.add(s.taskId()));
        return ids;
    }
}
