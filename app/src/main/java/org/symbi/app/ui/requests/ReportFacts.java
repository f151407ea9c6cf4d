package org.symbi.app.ui.requests;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The key facts of a completion report, one line each, for the person who made the request: the merge
 * commit, the tests, the review's verdict, the changelog, the changed files and the warrants the work ran
 * under. A fact the report does not have (no test step, say) is left out rather than shown empty.
 */
public final class ReportFacts {
    /** One fact: what it is about, and what the report says. */
    public record Fact(String label, String value) {
    }

    private ReportFacts() {
    }

    static List<Fact> of(JsonNode report) {
        List<Fact> facts = new ArrayList<>();
        if (report == null || !report.isObject()) {
            return facts;
        }
        merge(report).ifPresent(v -> facts.add(new Fact("Merge", v)));
        tests(report.path("tests")).ifPresent(v -> facts.add(new Fact("Tests", v)));
        JsonNode review = report.path("review");
        if (review.isObject()) {
            facts.add(new Fact("Review", review.path("verdict").asText("no verdict")
                    + (review.hasNonNull("reviewer") ? " (" + review.path("reviewer").asText() + ")" : "")
                    + (review.hasNonNull("summary") ? ": " + review.path("summary").asText() : "")));
        }
        changelog(report.path("docs")).ifPresent(v -> facts.add(new Fact("Changelog", v)));
        List<String> files = new ArrayList<>();
        report.path("changes").forEach(c -> c.path("files").forEach(f -> files.add(f.isTextual() ? f.asText()
                : f.path("path").asText(f.toString()))));
        if (!files.isEmpty()) {
            facts.add(new Fact("Files", String.join(", ", files.stream().distinct().toList())));
        }
        List<String> warrants = new ArrayList<>();
        report.path("warrants").forEach(w -> warrants.add(w.asText()));
        if (!warrants.isEmpty()) {
            facts.add(new Fact("Warrants", String.join(", ", warrants)));
        }
        return facts;
    }

    private static Optional<String> merge(JsonNode report) {
        JsonNode merge = report.path("merge");
        if (!merge.isObject()) {
            return Optional.empty();
        }
        if (!merge.path("merged").asBoolean(false)) {
            return Optional.of("not merged" + (merge.hasNonNull("reason") ? ": "
                    + merge.path("reason").asText() : ""));
        }
        String into = report.path("branch").asText("the branch") + " into " + report.path("base").asText("its base");
        return Optional.of((merge.path("already_merged").asBoolean(false) ? "already merged " : "merged ")
                + into + (merge.hasNonNull("commit") ? " at " + merge.path("commit").asText() : ""));
    }

    private static Optional<String> tests(JsonNode tests) {
        if (!tests.isObject()) {
            return Optional.empty();
        }
        JsonNode counts = tests.path("counts");
        int rounds = tests.path("fix_rounds").asInt(0);
        return Optional.of((tests.path("passed").asBoolean(false) ? "passed" : "failed")
                + (counts.has("tests") ? " (" + counts.path("passed").asInt() + " of " + counts.path("tests").asInt()
                + ")" : "") + (tests.hasNonNull("command") ? " · " + tests.path("command").asText() : "")
                + (rounds > 0 ? " · after " + rounds + (rounds == 1 ? " fix round" : " fix rounds") : ""));
    }

    /** The docs agent reports how many changelog entries it added (a count, or the entries themselves). */
    private static Optional<String> changelog(JsonNode docs) {
        JsonNode changelog = docs.path("changelog");
        if (!changelog.isObject()) {
            return Optional.empty();
        }
        JsonNode added = changelog.path("added");
        int count = added.isArray() ? added.size() : added.asInt(0);
        return Optional.of(count + (count == 1 ? " entry" : " entries") + " added"
                + (changelog.hasNonNull("file") ? " to " + changelog.path("file").asText() : ""));
    }
}
