package org.symbi.kernel.request;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A snapshot of one request.
 *
 * @param draft  the plan made ready to run, once planned; null while planning or when planning failed
 * @param report the completion report, once the workflow ended
 * @param detail why the request is where it is, for people
 */
public record RequestView(String requestId, String text, RequestTarget target, String requestedBy,
                          RequestStatus status, WorkflowDraft draft, JsonNode report, String detail,
                          Instant createdAt, Instant updatedAt) {

    /** The lone task in which the planner plans this request. */
    public String planTaskId() {
        return planTaskId(requestId);
    }

    /** The workflow the confirmed plan runs as; its tasks are {@code WORKFLOW.task}. */
    public String workflowId() {
        return requestId;
    }

    static String planTaskId(String requestId) {
        return "plan-" + requestId;
    }
}
