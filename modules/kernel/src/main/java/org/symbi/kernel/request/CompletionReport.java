package org.symbi.kernel.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.governance.Warrant;
import org.symbi.kernel.task.TaskView;
import org.symbi.kernel.task.WorkflowView;
import org.symbi.protocol.TaskStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a request came to, for the person who made it (seed 003's completion report): every task with who did
 * it and how it ended, and what the results say about the branch, the tests, the review, the changelog and
 * the merge, in one summary line.
 */
final class CompletionReport {
    private CompletionReport() {
    }

    static JsonNode of(RequestView r, WorkflowView w, List<Warrant> liveWarrants, Instant now, ObjectMapper json) {
        WorkflowDraft draft = r.draft();
        ObjectNode out = json.createObjectNode().put("request_id", r.requestId()).put("request", r.text())
                .put("planner", draft.planner()).put("basis", draft.basis())
                .put("repository", r.target().name()).put("worktree", r.target().worktree().toString())
                .put("branch", draft.branch()).put("base", draft.base())
                .put("requested_at", r.createdAt().toString()).put("ended_at", now.toString())
                .put("duration_ms", Duration.between(r.createdAt(), now).toMillis());
        ArrayNode list = out.putArray("tasks");
        List<String> findings = new ArrayList<>();
        int completed = 0;
        for (TaskView t : w.tasks()) {
            list.addObject().put("task_id", t.taskId()).put("title", t.title()).put("status", t.status().wire())
                    .put("agent", t.assignedAgent()).put("attempts", t.attempts()).put("detail", t.detail());
            if (t.status() == TaskStatus.COMPLETED) {
                completed++;
                describe(t, out, findings);
            }
        }
        liveWarrants.stream().filter(wr -> r.workflowId().equals(wr.planId()))
                .forEach(wr -> out.withArray("warrants").add(wr.id()));
        boolean done = completed == w.tasks().size();
        String head = done ? "Completed all " + completed + " tasks" : "Stopped after " + completed + " of "
                + w.tasks().size() + " tasks (" + unfinished(w) + ")";
        out.put("status", done ? "completed" : "failed");
        out.put("summary", head + " in " + human(Duration.between(r.createdAt(), now))
                + (findings.isEmpty() ? "" : "; " + String.join("; ", findings)) + ".");
        return out;
    }

    /** Picks from a completed task's result what a person wants to know, by what the task needed. */
    private static void describe(TaskView t, ObjectNode out, List<String> findings) {
        JsonNode res = t.result();
        if (res == null || !res.isObject()) {
            return;
        }
        List<String> caps = t.spec().requiredCapabilities();
        String op = t.spec().input() == null ? "" : t.spec().input().path("op").asText("");
        if (caps.contains(PlanWiring.GIT) && op.equals("merge")) {
            out.set("merge", res);
            String commit = res.path("commit").asText("");
            findings.add(res.path("already_merged").asBoolean(false)
                    ? "nothing to merge: " + out.path("branch").asText() + " has no commits beyond " + out.path("base").asText()
                    : res.path("merged").asBoolean(false)
                    ? "merged " + out.path("branch").asText() + " into " + out.path("base").asText()
                    + (commit.isEmpty() ? "" : " at " + shortId(commit))
                    : "merge request ready (auto-merge is off for this repository)");
        } else if (caps.contains(PlanWiring.GIT) && op.equals("tag")) {
            out.set("tag", res);
            findings.add("tagged " + res.path("ref").asText("?") + " as " + res.path("tag").asText("?") + " at "
                    + shortId(res.path("commit").asText("")) + (res.path("pushed").asBoolean(false) ? ", pushed"
                    : ", not pushed (no remote)"));
        } else if (caps.contains(PlanWiring.DEPLOY)) {
            out.withArray("deploys").add(res);
            findings.add("deployed to " + res.path("environment").asText("?"));
        } else if (caps.contains(PlanWiring.TEST)) {
            out.set("tests", res);
            JsonNode counts = res.path("counts");
            findings.add("tests " + (res.path("passed").asBoolean(false) ? "passed" : "failed")
                    + (counts.has("tests") ? " (" + counts.path("passed").asInt() + " of " + counts.path("tests").asInt()
                    + ")" : "") + (res.path("fix_rounds").asInt(0) > 0 ? " after " + res.path("fix_rounds").asInt()
                    + " fix rounds" : ""));
        } else if (caps.contains(PlanWiring.REVIEW)) {
            out.set("review", res);
            String verdict = res.path("verdict").asText("?");
            String firstError = "";
            for (JsonNode f : res.path("findings")) {
                if (f.path("severity").asText().equals("error")) {
                    firstError = ": " + f.path("message").asText();
                    break;
                }
            }
            findings.add("review " + verdict + " (" + res.path("reviewer").asText("?") + ")"
                    + (verdict.equals("pass") ? "" : firstError));
        } else if (caps.contains(PlanWiring.DOCS)) {
            out.set("docs", res);
            int added = res.path("changelog").path("added").asInt(0);
            if (added > 0) {
                findings.add("changelog +" + added);
            }
        } else if (caps.contains(PlanWiring.CODE)) {
            out.withArray("changes").addObject().put("task_id", t.taskId()).put("summary", res.path("summary").asText(null))
                    .set("files", res.path("files"));
        }
    }

    private static String shortId(String commit) {
        return commit.substring(0, Math.min(7, commit.length()));
    }

    private static String unfinished(WorkflowView w) {
        return w.tasks().stream().filter(t -> t.status() != TaskStatus.COMPLETED && t.status() != TaskStatus.BLOCKED)
                .map(t -> t.taskId().substring(t.taskId().indexOf('.') + 1) + " " + t.status().wire())
                .reduce((a, b) -> a + ", " + b).orElse("blocked");
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return s < 90 ? s + " s" : s < 5400 ? (s + 30) / 60 + " min" : String.format("%.1f h", s / 3600.0);
    }
}
