package org.symbi.app.ui.trace;

import org.fxmisc.richtext.model.StyleSpan;
import org.fxmisc.richtext.model.StyleSpans;
import org.junit.jupiter.api.Test;
import org.symbi.app.ui.trace.TraceHighlighter.Format;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.symbi.app.ui.trace.TraceHighlighter.CODE_COMMENT;
import static org.symbi.app.ui.trace.TraceHighlighter.CODE_KEYWORD;
import static org.symbi.app.ui.trace.TraceHighlighter.CODE_NUMBER;
import static org.symbi.app.ui.trace.TraceHighlighter.CODE_STRING;
import static org.symbi.app.ui.trace.TraceHighlighter.DIFF_ADD;
import static org.symbi.app.ui.trace.TraceHighlighter.DIFF_HEADER;
import static org.symbi.app.ui.trace.TraceHighlighter.DIFF_HUNK;
import static org.symbi.app.ui.trace.TraceHighlighter.DIFF_REMOVE;
import static org.symbi.app.ui.trace.TraceHighlighter.FENCE;
import static org.symbi.app.ui.trace.TraceHighlighter.JSON_KEY;
import static org.symbi.app.ui.trace.TraceHighlighter.JSON_LITERAL;
import static org.symbi.app.ui.trace.TraceHighlighter.JSON_NUMBER;
import static org.symbi.app.ui.trace.TraceHighlighter.JSON_STRING;
import static org.symbi.app.ui.trace.TraceHighlighter.MATCH;

class TraceHighlighterTest {
    /** The styled stretches of a text as "fragment=style style", unstyled stretches left out. */
    private static List<String> styled(String text, StyleSpans<Collection<String>> spans) {
        assertThat(spans.length()).as("spans cover the whole text").isEqualTo(text.length());
        List<String> out = new ArrayList<>();
        int at = 0;
        for (StyleSpan<Collection<String>> span : spans) {
            if (!span.getStyle().isEmpty()) {
                out.add(text.substring(at, at + span.getLength()) + "=" + String.join(" ", span.getStyle()));
            }
            at += span.getLength();
        }
        return out;
    }

    @Test
    void jsonKeysStringsNumbersAndLiterals() {
        String json = "{\"tool\": \"grep\", \"args\": [\"TODO\", -1.5e3], \"ok\": true, \"why\": null}";

        assertThat(TraceHighlighter.detect(json)).isEqualTo(Format.JSON);
        assertThat(styled(json, TraceHighlighter.highlight(json))).containsExactly(
                "\"tool\"=" + JSON_KEY, "\"grep\"=" + JSON_STRING, "\"args\"=" + JSON_KEY, "\"TODO\"=" + JSON_STRING,
                "-1.5e3=" + JSON_NUMBER, "\"ok\"=" + JSON_KEY, "true=" + JSON_LITERAL, "\"why\"=" + JSON_KEY,
                "null=" + JSON_LITERAL);
    }

    @Test
    void jsonStringsWithEscapedQuotesAndKeysOnTheirOwnLine() {
        String json = "[\n  {\n    \"say\"\n      : \"he said \\\"hi\\\"\"\n  }\n]";

        assertThat(styled(json, TraceHighlighter.highlight(json))).containsExactly(
                "\"say\"=" + JSON_KEY, "\"he said \\\"hi\\\"\"=" + JSON_STRING);
    }

    @Test
    void brokenJsonStillColoursWhatItCanAndCoversTheText() {
        String json = "{\"unterminated\": \"abc";

        assertThat(TraceHighlighter.detect(json)).isEqualTo(Format.JSON);
        assertThat(styled(json, TraceHighlighter.highlight(json))).containsExactly(
                "\"unterminated\"=" + JSON_KEY, "\"abc=" + JSON_STRING);
    }

    @Test
    void diffLinesHunksAndHeaders() {
        String diff = """
                diff --git a/App.java b/App.java
                --- a/App.java
                +++ b/App.java
                @@ -1,3 +1,3 @@
                 unchanged
                -old line
                +new line""";

        assertThat(TraceHighlighter.detect(diff)).isEqualTo(Format.DIFF);
        assertThat(styled(diff, TraceHighlighter.highlight(diff))).containsExactly(
                "diff --git a/App.java b/App.java=" + DIFF_HEADER, "--- a/App.java=" + DIFF_HEADER,
                "+++ b/App.java=" + DIFF_HEADER, "@@ -1,3 +1,3 @@=" + DIFF_HUNK, "-old line=" + DIFF_REMOVE,
                "+new line=" + DIFF_ADD);
    }

    @Test
    void codeKeywordsStringsCommentsAndNumbers() {
        String code = """
                // find the answer
                public int answer() {
                    return 42; /* always */
                }
                String s = "if not";""";

        assertThat(TraceHighlighter.detect(code)).isEqualTo(Format.CODE);
        assertThat(styled(code, TraceHighlighter.highlight(code))).containsExactly(
                "// find the answer=" + CODE_COMMENT, "public=" + CODE_KEYWORD, "return=" + CODE_KEYWORD,
                "42=" + CODE_NUMBER, "/* always */=" + CODE_COMMENT, "\"if not\"=" + CODE_STRING);
    }

    @Test
    void pythonHashCommentsButNotHashesInsideWords() {
        String code = "def f(x):\n    return x#1  # a comment\n";

        assertThat(styled(code, TraceHighlighter.highlight(code, Format.CODE))).containsExactly(
                "def=" + CODE_KEYWORD, "return=" + CODE_KEYWORD, "1=" + CODE_NUMBER, "# a comment=" + CODE_COMMENT);
    }

    @Test
    void proseIsPlainButFencedBlocksAreColouredByTheirLanguage() {
        String text = """
                I will call the tool with:
                ```json
                {"path": "src"}
                ```
                and then apply:
                ```diff
                +added
                ```""";

        assertThat(TraceHighlighter.detect(text)).isEqualTo(Format.TEXT);
        assertThat(styled(text, TraceHighlighter.highlight(text))).containsExactly(
                "```json=" + FENCE, "\"path\"=" + JSON_KEY, "\"src\"=" + JSON_STRING, "```=" + FENCE,
                "```diff=" + FENCE, "+added=" + DIFF_ADD, "```=" + FENCE);
    }

    @Test
    void anUnclosedFenceColoursToTheEnd() {
        String text = "Here:\n```\nreturn null;";

        assertThat(styled(text, TraceHighlighter.highlight(text))).containsExactly(
                "```=" + FENCE, "return=" + CODE_KEYWORD, "null=" + CODE_KEYWORD);
    }

    @Test
    void plainProseHasNoStylesAndEmptyTextHasOneEmptySpan() {
        assertThat(TraceHighlighter.detect("The user wants a summary.\nI should read the file first."))
                .isEqualTo(Format.TEXT);
        assertThat(styled("The user wants a summary.", TraceHighlighter.highlight("The user wants a summary.")))
                .isEmpty();
        assertThat(TraceHighlighter.detect("[INFO] build started\n[INFO] done")).isEqualTo(Format.TEXT);
        assertThat(TraceHighlighter.highlight("").length()).isZero();
    }

    @Test
    void searchMatchesAreMarkedOnTopOfTheColours() {
        String json = "{\"grep\": \"Grep it\"}";

        assertThat(styled(json, TraceHighlighter.highlight(json, "grep"))).containsExactly(
                "\"=" + JSON_KEY, "grep=" + JSON_KEY + " " + MATCH, "\"=" + JSON_KEY,
                "\"=" + JSON_STRING, "Grep=" + JSON_STRING + " " + MATCH, " it\"=" + JSON_STRING);
        assertThat(TraceHighlighter.matches("aaaa", "aa")).extracting(m -> m[0]).containsExactly(0, 2);
        assertThat(TraceHighlighter.highlight(json, "  ")).isEqualTo(TraceHighlighter.highlight(json));
    }
}
