package org.symbi.app.ui.requests;

import org.symbi.kernel.request.RequestStatus;
import org.symbi.kernel.request.RequestView;
import org.symbi.kernel.request.WorkflowDraft;

import java.time.Duration;
import java.time.Instant;

/**
 * One request as the list and the detail show it, read at some moment: the request itself and how old it
 * was then.
 *
 * @param age how long ago it was made, in its largest unit ("12 s", "4 min", "2 h", "3 d")
 */
public record RequestRow(RequestView request, String age) {
    static final String RULES_LABEL = "Planned by rules (no language model)";

    static RequestRow of(RequestView r, Instant readAt) {
        return new RequestRow(r, age(Duration.between(r.createdAt(), readAt)));
    }

    public String requestId() {
        return request.requestId();
    }

    public RequestStatus status() {
        return request.status();
    }

    /** The status as people read it: "awaiting confirmation". */
    public String statusText() {
        return request.status().wire().replace('_', ' ');
    }

    /** The first line of what was asked. */
    public String firstLine() {
        return request.text().strip().lines().findFirst().orElse("");
    }

    /** The repository's name, as warrants and repository rules know it. */
    public String repository() {
        return request.target().name();
    }

    /** Whether the plan waits for a person to confirm or discard it. */
    public boolean awaitingConfirmation() {
        return request.status() == RequestStatus.AWAITING_CONFIRMATION;
    }

    /** Whether the plan was confirmed and became a workflow (running, or ended after running). */
    public boolean ran() {
        return ran(request);
    }

    static boolean ran(RequestView r) {
        return r.draft() != null && (r.status() == RequestStatus.RUNNING || r.status() == RequestStatus.COMPLETED
                || r.status() == RequestStatus.FAILED);
    }

    /**
     * Who made the plan, so nobody takes the rules' plan for a model's: "Planned by rules (no language
     * model) · reads as a new feature", or "Planned by gpt-4o"; empty while there is no plan.
     */
    public String plannerLabel() {
        WorkflowDraft d = request.draft();
        if (d == null) {
            return "";
        }
        if ("rules".equals(d.planner())) {
            return RULES_LABEL + (d.basis() == null ? "" : " · reads as a " + d.basis());
        }
        return "Planned by " + (d.basis() == null ? "a language model" : d.basis());
    }

    /** The completion report's summary line; empty until the request ended with one. */
    public String reportSummary() {
        return request.report() == null ? "" : request.report().path("summary").asText("");
    }

    /** "Branch feature/req-… from main in /the/working/tree"; empty while there is no plan. */
    public String branchLine() {
        WorkflowDraft d = request.draft();
        return d == null ? "" : "Branch " + d.branch() + " from " + d.base() + " in " + request.target().worktree();
    }

    static String age(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        return s < 86_400 ? s / 3600 + " h" : s / 86_400 + " d";
    }
}
