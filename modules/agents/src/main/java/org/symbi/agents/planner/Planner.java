package org.symbi.agents.planner;

import org.symbi.agents.llm.TraceSink;

import java.util.Collection;

/** Breaks a request into a task DAG. */
public interface Planner {

    /**
     * @param request      what a person asked for, in their words
     * @param capabilities every capability some agent holds: the built-in agents' and connected agents'
     * @param taskId       the planning task the trace steps belong to, or null outside a task
     * @param trace        where the planner reports its reasoning
     * @throws PlanningException when no valid plan could be made
     */
    Plan plan(String request, Collection<String> capabilities, String taskId, TraceSink trace);
}
