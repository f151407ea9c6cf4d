package org.symbi.agents.git;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.Optional;

/** Reads what an earlier task returned, so a merge can rest on a review task's verdict. */
@FunctionalInterface
public interface TaskResults {

    /** For an agent that cannot look tasks up: a review must then come in the merge task's input. */
    TaskResults NONE = taskId -> {
        throw new IOException("this agent has no access to other tasks' results");
    };

    /** @return the task's result once it has completed; empty while it has not */
    Optional<JsonNode> resultOf(String taskId) throws IOException;
}
