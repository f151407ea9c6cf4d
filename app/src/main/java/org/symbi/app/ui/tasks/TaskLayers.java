package org.symbi.app.ui.tasks;

import org.symbi.kernel.task.TaskView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays a task graph out in dependency layers: a task stands one layer after the deepest task it depends on,
 * so every arrow points to a later layer. Dependencies outside the given tasks (a lone task may wait for a
 * task of a workflow) are not drawn.
 */
final class TaskLayers {
    private TaskLayers() {
    }

    /** The tasks as nodes, in the order given (creation order), with their layer and row. */
    static List<TaskNode> layout(List<TaskView> tasks) {
        Map<String, TaskView> byId = new LinkedHashMap<>();
        tasks.forEach(t -> byId.put(t.taskId(), t));
        Map<String, Integer> layers = new HashMap<>();
        for (TaskView t : tasks) {
            layer(t, byId, layers);
        }
        Map<Integer, Integer> rowsUsed = new HashMap<>();
        List<TaskNode> nodes = new ArrayList<>(tasks.size());
        for (TaskView t : tasks) {
            int layer = layers.get(t.taskId());
            int row = rowsUsed.merge(layer, 1, Integer::sum) - 1;
            List<String> inGraph = t.spec().dependsOn().stream().filter(byId::containsKey).toList();
            nodes.add(new TaskNode(t.taskId(), t.title(), t.status(), layer, row, inGraph, t.assignedAgent(),
                    t.detail(), t.attempts(), t.updatedAt()));
        }
        return nodes;
    }

    private static int layer(TaskView t, Map<String, TaskView> byId, Map<String, Integer> layers) {
        Integer known = layers.get(t.taskId());
        if (known != null) {
            return known;
        }
        // The kernel refuses cycles; the mark only keeps a damaged graph from recursing forever.
        layers.put(t.taskId(), 0);
        int layer = 0;
        for (String dep : t.spec().dependsOn()) {
            TaskView d = byId.get(dep);
            if (d != null) {
                layer = Math.max(layer, layer(d, byId, layers) + 1);
            }
        }
        layers.put(t.taskId(), layer);
        return layer;
    }
}
