package org.symbi.agents.review;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A review's outcome: the verdict, who reached it and what was found.
 *
 * @param reviewer {@value #LLM} when a model reviewed the change (with the static checks), {@value #STATIC}
 *                 when only the static checks did
 */
public record Review(Verdict verdict, String reviewer, String summary, List<Finding> findings, int files) {
    public static final String LLM = "llm";
    public static final String STATIC = "static";

    public enum Verdict {
        PASS, FAIL;

        public String wire() {
            return this == PASS ? "pass" : "fail";
        }
    }

    public Review {
        findings = List.copyOf(findings);
    }

    /** Fails on any error-level finding. */
    static Verdict verdictOf(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.ERROR) ? Verdict.FAIL : Verdict.PASS;
    }

    /** The task's result: {@code {"verdict","reviewer","summary","files","findings":[…]}}. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("verdict", verdict.wire()).put("reviewer", reviewer)
                .put("summary", summary).put("files", files);
        ArrayNode list = json.putArray("findings");
        findings.forEach(f -> list.add(f.toJson()));
        return json;
    }
}
