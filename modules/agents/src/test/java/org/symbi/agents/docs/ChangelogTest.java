package org.symbi.agents.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ChangelogTest {
    private static final List<ChangeEntry> NEW = List.of(
            ChangeEntry.of("feat: memoised fib"),
            ChangeEntry.of("fix: fib(0) is 0"),
            ChangeEntry.of("feat: fib function"));
    /** The section those entries make. */
    private static final String WRITTEN = """
            ## Unreleased

            ### Added

            - Memoised fib
            - Fib function

            ### Fixed

            - Fib(0) is 0
            """;

    static Stream<Arguments> files() {
        return Stream.of(
                arguments("no changelog yet", null, "# Changelog\n\n" + WRITTEN),
                arguments("a title and releases, no Unreleased section", """
                        # Changelog

                        All notable changes.

                        ## [1.0.0] - 2026-01-01

                        ### Added

                        - First release
                        """, """
                        # Changelog

                        All notable changes.

                        """ + WRITTEN + """

                        ## [1.0.0] - 2026-01-01

                        ### Added

                        - First release
                        """),
                arguments("an Unreleased section with one of the groups", """
                        # Changelog

                        ## [Unreleased]

                        ### Added

                        - Older unreleased feature

                        ## [1.0.0]

                        - First release
                        """, """
                        # Changelog

                        ## [Unreleased]

                        ### Added

                        - Memoised fib
                        - Fib function
                        - Older unreleased feature

                        ### Fixed

                        - Fib(0) is 0

                        ## [1.0.0]

                        - First release
                        """),
                arguments("an empty Unreleased section, star bullets elsewhere", """
                        # Changes
                        ## Unreleased
                        ## 1.0
                        * First release
                        """, """
                        # Changes
                        ## Unreleased

                        ### Added

                        * Memoised fib
                        * Fib function

                        ### Fixed

                        * Fib(0) is 0
                        ## 1.0
                        * First release
                        """),
                arguments("entries already written are not written again", """
                        # Changelog

                        ## Unreleased

                        ### Fixed

                        - fib(0) is 0

                        ## 1.0

                        - Fib function
                        """, """
                        # Changelog

                        ## Unreleased

                        ### Fixed

                        - fib(0) is 0

                        ### Added

                        - Memoised fib

                        ## 1.0

                        - Fib function
                        """),
                arguments("only a title, no line end at the end", "# Changelog", "# Changelog\n\n" + WRITTEN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void putsNewEntriesUnderUnreleasedNewestFirstInTheirGroups(String name, String before, String after) {
        assertThat(Changelog.merge(before, NEW).text()).isEqualTo(after);
    }

    @Test
    void saysWhatItWroteAndWhatWasThereAlready() {
        Changelog.Update u = Changelog.merge("## Unreleased\n\n- Fib function\n", NEW);
        assertThat(u.added()).extracting(ChangeEntry::text).containsExactly("Memoised fib", "Fib(0) is 0");
        assertThat(u.alreadyThere()).extracting(ChangeEntry::text).containsExactly("Fib function");

        Changelog.Update again = Changelog.merge(u.text(), NEW);
        assertThat(again.changed()).isFalse();
        assertThat(again.text()).isEqualTo(u.text());
    }

    @Test
    void keepsWindowsLineEndsAndEveryByteOutsideTheUnreleasedSection() {
        String before = "# Changelog\r\n\r\n## Unreleased\r\n\r\n### Fixed\r\n\r\n- Old fix\r\n\r\n## 1.0\r\n\r\n- Trailing  spaces  \r\n";
        String after = Changelog.merge(before, List.of(ChangeEntry.of("fix: new fix"))).text();
        assertThat(after).isEqualTo("# Changelog\r\n\r\n## Unreleased\r\n\r\n### Fixed\r\n\r\n- New fix\r\n- Old fix\r\n"
                + "\r\n## 1.0\r\n\r\n- Trailing  spaces  \r\n");
    }
}
