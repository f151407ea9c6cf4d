package org.symbi.app.ui.requests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The key facts picked from completion reports in the shape the room writes them. */
class ReportFactsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aMergedRequestSaysWhereWhatPassedWhatTheReviewSaidAndWhatChanged() throws Exception {
        JsonNode report = JSON.readTree("""
                {"summary":"Completed all 8 tasks in 41 s; merged feature/req-1-fib into main at 3f2a9c1.",
                 "branch":"feature/req-1-fib","base":"main",
                 "merge":{"merged":true,"commit":"3f2a9c1d","fast_forward":false},
                 "tests":{"passed":true,"command":"python3 -m unittest -v",
                          "counts":{"tests":2,"passed":2,"failed":0},"fix_rounds":1},
                 "review":{"verdict":"pass","reviewer":"llm","summary":"Small, correct and tested."},
                 "docs":{"changelog":{"file":"CHANGELOG.md","added":1,"already_there":0}},
                 "changes":[{"task_id":"req-1.implement","files":[{"path":"fib.py","action":"write"}]},
                            {"task_id":"req-1.write-tests","files":[{"path":"test_fib.py","action":"write"}]}],
                 "warrants":["w-1","w-2"]}""");

        assertThat(ReportFacts.of(report)).containsExactly(
                new ReportFacts.Fact("Merge", "merged feature/req-1-fib into main at 3f2a9c1d"),
                new ReportFacts.Fact("Tests", "passed (2 of 2) · python3 -m unittest -v · after 1 fix round"),
                new ReportFacts.Fact("Review", "pass (llm): Small, correct and tested."),
                new ReportFacts.Fact("Changelog", "1 entry added to CHANGELOG.md"),
                new ReportFacts.Fact("Files", "fib.py, test_fib.py"),
                new ReportFacts.Fact("Warrants", "w-1, w-2"));
    }

    @Test
    void aMergeLeftToAPersonAndFailingTestsAreSaidAsTheyAre() throws Exception {
        JsonNode report = JSON.readTree("""
                {"summary":"Stopped after 3 of 8 tasks (run-tests failed) in 2 min.",
                 "merge":{"merged":false,"reason":"auto-merge is off for fib: a person merges"},
                 "tests":{"passed":false,"counts":{"tests":5,"passed":3}},
                 "docs":{"changelog":{"added":[]}}}""");

        assertThat(ReportFacts.of(report)).containsExactly(
                new ReportFacts.Fact("Merge", "not merged: auto-merge is off for fib: a person merges"),
                new ReportFacts.Fact("Tests", "failed (3 of 5)"),
                new ReportFacts.Fact("Changelog", "0 entries added"));
    }

    @Test
    void noReportHasNoFacts() {
        assertThat(ReportFacts.of(null)).isEmpty();
        assertThat(ReportFacts.of(JSON.createObjectNode().put("summary", "Stopped after 0 of 3 tasks."))).isEmpty();
    }
}
