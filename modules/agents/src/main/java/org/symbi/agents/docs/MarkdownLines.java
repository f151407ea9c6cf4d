package org.symbi.agents.docs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown text as lines with their offsets, so that edits splice text in at exact places and leave every
 * other byte as it was (line ends included, whatever they are). ATX headings ({@code ## Title}) are
 * recognised outside fenced code blocks.
 */
final class MarkdownLines {
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```+|~~~+)");

    /**
     * @param start   offset of the line's first character
     * @param end     offset just past its last character, before its line end
     * @param next    offset of the next line (past the line end); the text's length for the last line
     * @param level   its heading level (1 to 6), or 0 when it is not a heading
     * @param title   the heading's text, or null
     */
    record Line(int start, int end, int next, int level, String title) {
        boolean endsWithNewline() {
            return next > end;
        }
    }

    private final String text;
    private final List<Line> lines;
    private final String newline;

    MarkdownLines(String text) {
        this.text = text;
        this.newline = text.contains("\r\n") ? "\r\n" : "\n";
        List<Line> out = new ArrayList<>();
        String fence = null;
        int start = 0;
        while (start < text.length()) {
            int lf = text.indexOf('\n', start);
            int next = lf < 0 ? text.length() : lf + 1;
            int end = lf < 0 ? text.length() : lf > start && text.charAt(lf - 1) == '\r' ? lf - 1 : lf;
            String line = text.substring(start, end);
            Matcher f = FENCE.matcher(line);
            int level = 0;
            String title = null;
            if (f.find()) {
                String marker = f.group(1);
                if (fence == null) {
                    fence = marker;
                } else if (marker.charAt(0) == fence.charAt(0) && marker.length() >= fence.length()) {
                    fence = null;
                }
            } else if (fence == null) {
                Matcher h = HEADING.matcher(line);
                if (h.matches()) {
                    level = h.group(1).length();
                    title = h.group(2) == null ? "" : h.group(2).strip();
                }
            }
            out.add(new Line(start, end, next, level, title));
            start = next;
        }
        this.lines = List.copyOf(out);
    }

    String text() {
        return text;
    }

    List<Line> lines() {
        return lines;
    }

    /** The line end the text uses, for lines added to it. */
    String newline() {
        return newline;
    }

    String content(Line line) {
        return text.substring(line.start(), line.end());
    }

    boolean isBlank(int index) {
        return content(lines.get(index)).isBlank();
    }

    /** The index of the first heading at or after {@code from} whose level is at most {@code level}, else the line count. */
    int nextHeading(int from, int level) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).level() > 0 && lines.get(i).level() <= level) {
                return i;
            }
        }
        return lines.size();
    }

    /**
     * The text with some ranges replaced: {@code [from, to)} by text (an insertion when from equals to).
     * Edits at the same offset go in in the order given.
     */
    String splice(List<Edit> edits) {
        List<Edit> ordered = new ArrayList<>(edits);
        ordered.sort(Comparator.comparingInt(Edit::from));
        StringBuilder out = new StringBuilder(text.length() + 256);
        int at = 0;
        for (Edit e : ordered) {
            out.append(text, at, e.from()).append(e.text());
            at = e.to();
        }
        return out.append(text, at, text.length()).toString();
    }

    record Edit(int from, int to, String text) {
        static Edit insert(int at, String text) {
            return new Edit(at, at, text);
        }
    }
}
