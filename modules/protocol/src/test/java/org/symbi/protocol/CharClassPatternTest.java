package org.symbi.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class CharClassPatternTest {
    private static final String ALPHABET = "aZ09._:@+/-*#=_ !é\u00ff\u2603\uD83D\uDE00[]^$\\";

    @Test
    void agreesWithTheRegexForEveryPatternOfTheSchema() {
        Random random = new Random(42);
        List<Pattern> patterns = List.of(WireSchema.ID.pattern(), WireSchema.TOPIC.pattern(),
                WireSchema.ERROR_CODE.pattern(), Pattern.compile("^[a-z][a-z0-9_.-]*$"),
                Pattern.compile("^[A-Za-z0-9+/=]+$"));
        for (Pattern pattern : patterns) {
            Predicate<String> fast = CharClassPattern.of(pattern).orElseThrow();
            for (int n = 0; n < 20_000; n++) {
                StringBuilder value = new StringBuilder();
                for (int i = random.nextInt(6); i > 0; i--) {
                    value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
                String v = value.toString();
                assertThat(fast.test(v)).as("%s on \"%s\"", pattern, v).isEqualTo(pattern.matcher(v).matches());
            }
        }
    }

    @Test
    void otherShapesAreLeftToTheRegex() {
        assertThat(CharClassPattern.of(WireSchema.WS_URL.pattern())).isEmpty();
        assertThat(CharClassPattern.of(Pattern.compile("^[0-9a-f]{64}$"))).isEmpty();
        assertThat(CharClassPattern.of(Pattern.compile("^[^a]+$"))).isEmpty();
        assertThat(CharClassPattern.of(Pattern.compile("^[\\w]+$"))).isEmpty();
    }
}
