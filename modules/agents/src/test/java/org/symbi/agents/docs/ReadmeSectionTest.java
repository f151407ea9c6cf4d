package org.symbi.agents.docs;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ReadmeSectionTest {

    static Stream<Arguments> readmes() {
        return Stream.of(
                arguments("a section between others, its subsections go with it", "Usage", """
                        # fib

                        Intro text.

                        ## Usage

                        Old usage.

                        ### Options

                        Old options.

                        ## License

                        MIT
                        """, true, """
                        # fib

                        Intro text.

                        ## Usage

                        Call `fib(n)`.

                        ## License

                        MIT
                        """),
                arguments("the last section, matched without regard to case", "usage", """
                        # fib
                        ## Usage
                        old
                        """, true, """
                        # fib
                        ## Usage

                        Call `fib(n)`.
                        """),
                arguments("a heading inside a code fence is not a heading", "Usage", """
                        # fib

                        ```sh
                        ## Usage
                        ```

                        ## Usage

                        old

                        # Appendix
                        """, true, """
                        # fib

                        ```sh
                        ## Usage
                        ```

                        ## Usage

                        Call `fib(n)`.

                        # Appendix
                        """),
                arguments("a missing section is added at the end", "Usage", "# fib\n\nIntro.", false, """
                        # fib

                        Intro.

                        ## Usage

                        Call `fib(n)`.
                        """),
                arguments("a heading with closing hashes", "Usage", "## Usage ##\nold\n## Next\n", true,
                        "## Usage ##\n\nCall `fib(n)`.\n\n## Next\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readmes")
    void replacesWhatStandsUnderTheHeading(String name, String heading, String before, boolean existed, String after) {
        ReadmeSection.Update u = ReadmeSection.replace(before, heading, "Call `fib(n)`.\n");
        assertThat(u.existed()).isEqualTo(existed);
        assertThat(u.text()).isEqualTo(after);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readmes")
    void everythingBeforeTheSectionStaysByteForByte(String name, String heading, String before) {
        String after = ReadmeSection.replace(before.replace("\n", "\r\n"), heading, "Call `fib(n)`.").text();
        int cut = before.replace("\n", "\r\n").toLowerCase().lastIndexOf("## " + heading.toLowerCase());
        if (cut >= 0) {
            assertThat(after).startsWith(before.replace("\n", "\r\n").substring(0, cut));
        }
        assertThat(after.replace("\r\n", "")).doesNotContain("\n");
    }
}
