package org.symbi.agents.git;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReviewVerdictTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectId HEAD = ObjectId.fromString("1e1a6548c8edfded2b1b9c841d49b86dd9526257");

    private static ReviewVerdict inline(String review) throws Exception {
        return ReviewVerdict.of(new TaskInput(JSON.readTree("{\"op\":\"merge\",\"review\":" + review + "}")),
                TaskResults.NONE);
    }

    @Test
    void passingVerdictsInTheirUsualWords() throws Exception {
        assertThat(inline("\"pass\"").passed()).isTrue();
        assertThat(inline("{\"verdict\": \"Approved\"}").passed()).isTrue();
        assertThat(inline("{\"passed\": true}").passed()).isTrue();
        assertThat(inline("{\"verdict\": \"lgtm\", \"passed\": true}").passed()).isTrue();
        assertThat(inline("{\"verdict\": \"changes_requested\"}").passed()).isFalse();
        assertThat(inline("{\"verdict\": \"pass\", \"passed\": false}").passed()).isFalse();
        assertThat(inline("{\"passed\": false}").verdict()).isEqualTo("not passed");
    }

    @Test
    void aVerdictNamingACommitCoversOnlyThatCommit() throws Exception {
        assertThat(inline("{\"verdict\": \"pass\", \"commit\": \"1e1a6548c8\"}").covers(HEAD)).isTrue();
        assertThat(inline("{\"verdict\": \"pass\", \"commit\": \"2e1a6548c8\"}").covers(HEAD)).isFalse();
        assertThat(inline("{\"verdict\": \"pass\", \"commit\": \"1e1\"}").covers(HEAD)).isFalse();
        assertThat(inline("{\"verdict\": \"pass\"}").covers(HEAD)).isTrue();
    }

    @Test
    void aReviewTasksResultIsReadWhereverItKeepsTheVerdict() throws Exception {
        JsonNode nested = JSON.readTree("{\"review\": {\"verdict\": \"pass\"}, \"comments\": []}");
        TaskInput input = new TaskInput(JSON.readTree("{\"op\":\"merge\",\"review_task\":\"t-review\"}"));

        ReviewVerdict v = ReviewVerdict.of(input, id -> Optional.of(nested));

        assertThat(v.passed()).isTrue();
        assertThat(v.source()).isEqualTo("review task t-review");
        assertThatThrownBy(() -> ReviewVerdict.of(input, id -> Optional.empty()))
                .hasMessage("review task t-review has no result yet: no verdict to merge on");
        assertThatThrownBy(() -> inline("{\"comments\": []}"))
                .hasMessage("the review from the task's input has no verdict: expected \"verdict\" or \"passed\"");
        assertThat(ReviewVerdict.of(new TaskInput(JSON.readTree("{\"op\":\"merge\"}")), TaskResults.NONE)).isNull();
    }
}
