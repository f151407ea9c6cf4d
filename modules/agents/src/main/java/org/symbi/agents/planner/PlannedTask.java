package org.symbi.agents.planner;

import java.util.List;

/**
 * One task of a plan, with the protocol's task fields: its id within the plan, a title, what it is to do,
 * the capabilities an agent needs to take it, and the tasks that must complete first.
 */
public record PlannedTask(String taskId, String title, String description, List<String> capabilities,
                          List<String> dependsOn) {
    public PlannedTask {
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }
}
