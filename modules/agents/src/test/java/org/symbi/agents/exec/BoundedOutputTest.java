package org.symbi.agents.exec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedOutputTest {

    @ParameterizedTest(name = "{0} characters in pieces of {1}, limit {2}")
    @CsvSource({"10, 3, 100", "100, 7, 100", "101, 1, 100", "5000, 64, 100", "5000, 5000, 100"})
    void keepsEverythingWithinTheLimitAndOtherwiseTheBeginningAndTheEnd(int length, int piece, int limit) {
        StringBuilder written = new StringBuilder();
        for (int i = 0; i < length; i++) {
            written.append((char) ('a' + i % 26));
        }
        BoundedOutput out = new BoundedOutput(limit);
        for (int i = 0; i < length; i += piece) {
            char[] chunk = written.substring(i, Math.min(length, i + piece)).toCharArray();
            out.append(chunk, chunk.length);
        }

        assertThat(out.total()).isEqualTo(length);
        if (length <= limit) {
            assertThat(out.text()).isEqualTo(written.toString());
        } else {
            int head = limit / 4;
            String expected = written.substring(0, head) + "\n… " + (length - limit) + " characters left out …\n"
                    + written.substring(length - (limit - head));
            assertThat(out.text()).isEqualTo(expected);
        }
    }
}
