package org.symbi.agents.git;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jgit.lib.ObjectId;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * A review's verdict on a branch, as a merge needs it: from the merge task's input ({@code review}) or from
 * the result of the review task it names ({@code review_task}).
 *
 * @param verdict what the reviewer said, e.g. {@code pass} or {@code changes_requested}
 * @param commit  the commit the review was of, or null when it did not say
 * @param source  where the verdict came from, for the trace and the failure message
 */
record ReviewVerdict(String verdict, boolean passed, String commit, String source) {
    private static final Set<String> PASSING = Set.of("pass", "passed", "approve", "approved", "lgtm");

    /** The verdict the task gives, or null when it gives none. */
    static ReviewVerdict of(TaskInput input, TaskResults results) {
        JsonNode inline = input.node("review");
        if (inline != null) {
            return read(inline, "the task's input");
        }
        String task = input.text("review_task");
        if (task == null) {
            return null;
        }
        JsonNode result;
        try {
            result = results.resultOf(task).orElseThrow(() -> new GitFailure("review task " + task
                    + " has no result yet: no verdict to merge on"));
        } catch (IOException e) {
            throw new GitFailure("cannot read the verdict of review task " + task, e);
        }
        return read(result.has("review") ? result.get("review") : result, "review task " + task);
    }

    /**
     * Reads {@code "pass"}, or {@code {"verdict": "pass", "passed": true, "commit": "…"}}: passing when the
     * verdict is pass, passed, approve, approved or lgtm and {@code passed} (if present) is true.
     */
    private static ReviewVerdict read(JsonNode node, String source) {
        if (node.isTextual()) {
            return new ReviewVerdict(node.asText(), passing(node.asText()), null, source);
        }
        if (!node.isObject() || !(node.has("verdict") || node.has("passed"))) {
            throw new GitFailure("the review from " + source + " has no verdict: expected \"verdict\" or \"passed\"");
        }
        String verdict = node.path("verdict").asText(null);
        JsonNode passedFlag = node.get("passed");
        boolean passed = (verdict == null || passing(verdict))
                && (passedFlag == null || passedFlag.asBoolean(false));
        String commit = node.hasNonNull("commit") ? node.get("commit").asText() : null;
        return new ReviewVerdict(verdict != null ? verdict : passed ? "passed" : "not passed", passed, commit, source);
    }

    private static boolean passing(String verdict) {
        return PASSING.contains(verdict.trim().toLowerCase(Locale.ROOT));
    }

    /** Whether the review was of this commit (or did not say which). */
    boolean covers(ObjectId head) {
        return commit == null || (commit.length() >= 7 && head.name().startsWith(commit.toLowerCase(Locale.ROOT)));
    }

    ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("verdict", verdict).put("passed", passed)
                .put("from", source);
        return commit == null ? out : out.put("commit", commit);
    }
}
