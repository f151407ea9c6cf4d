package org.symbi.app.ui.trace;

import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Colours trace content for a RichTextFX area: JSON (keys, strings, numbers, literals), unified diffs (added
 * and removed lines, hunks, headers) and code (keywords, strings, comments, numbers), plus fenced blocks
 * inside prose as LLM responses write them. Pure and tolerant: any text gives spans covering all of it.
 */
public final class TraceHighlighter {
    /** What a piece of content is, as far as colouring goes. */
    public enum Format { JSON, DIFF, CODE, TEXT }

    public static final String JSON_KEY = "json-key";
    public static final String JSON_STRING = "json-string";
    public static final String JSON_NUMBER = "json-number";
    public static final String JSON_LITERAL = "json-literal";
    public static final String DIFF_ADD = "diff-add";
    public static final String DIFF_REMOVE = "diff-remove";
    public static final String DIFF_HUNK = "diff-hunk";
    public static final String DIFF_HEADER = "diff-header";
    public static final String CODE_KEYWORD = "code-keyword";
    public static final String CODE_STRING = "code-string";
    public static final String CODE_COMMENT = "code-comment";
    public static final String CODE_NUMBER = "code-number";
    public static final String FENCE = "code-fence";
    public static final String MATCH = "search-match";

    private static final Set<String> KEYWORDS = Set.of(
            "abstract", "async", "await", "break", "case", "catch", "class", "const", "continue", "def", "default",
            "do", "elif", "else", "enum", "except", "export", "extends", "false", "final", "finally", "fn", "for",
            "from", "func", "function", "if", "impl", "implements", "import", "in", "interface", "lambda", "let",
            "match", "mut", "new", "nil", "None", "null", "package", "private", "protected", "pub", "public",
            "raise", "record", "return", "self", "static", "struct", "super", "switch", "this", "throw", "throws",
            "true", "True", "False", "try", "type", "use", "var", "void", "while", "with", "yield");
    private static final Pattern CODE_LINE = Pattern.compile(
            "^\\s*(import|package|def|class|public|private|fn|func|function|return|const|let|var|#include)\\b.*"
                    + "|.*[;{}]\\s*$");
    /** An object, or an array of values: "[INFO] …" and other bracketed prose do not qualify. */
    private static final Pattern JSON_START = Pattern.compile("\\s*(\\{\\s*[\"}]|\\[\\s*[\"{\\[\\]0-9-])");
    private static final Pattern FENCE_LINE = Pattern.compile("(?m)^```");
    private static final Pattern DIFF_MARKER = Pattern.compile("(?m)^(@@ -\\d|diff --git |\\+\\+\\+ |--- a/)");

    private TraceHighlighter() {
    }

    /** A coloured stretch of text: [start, end) with one style class. */
    private record Token(int start, int end, String style) {
    }

    /** Guesses what the content is: JSON, a diff, code, or prose. */
    public static Format detect(String text) {
        if (JSON_START.matcher(text).lookingAt()) {
            return Format.JSON;
        }
        if (FENCE_LINE.matcher(text).find()) {
            return Format.TEXT;
        }
        if (DIFF_MARKER.matcher(text).find()) {
            return Format.DIFF;
        }
        int lines = 0;
        int codeLike = 0;
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                lines++;
                if (CODE_LINE.matcher(line).matches()) {
                    codeLike++;
                }
            }
        }
        return lines >= 2 && codeLike * 3 >= lines ? Format.CODE : Format.TEXT;
    }

    /** Spans for the whole text, its format detected. */
    public static StyleSpans<Collection<String>> highlight(String text) {
        return highlight(text, detect(text));
    }

    public static StyleSpans<Collection<String>> highlight(String text, Format format) {
        List<Token> tokens = new ArrayList<>();
        tokenize(text, 0, text.length(), format, tokens);
        return spans(tokens, text.length());
    }

    /** Spans for the text with every case-insensitive occurrence of {@code query} marked as well. */
    public static StyleSpans<Collection<String>> highlight(String text, String query) {
        StyleSpans<Collection<String>> base = highlight(text);
        if (query == null || query.isBlank()) {
            return base;
        }
        List<Token> matches = new ArrayList<>();
        for (int[] m : matches(text, query)) {
            matches.add(new Token(m[0], m[1], MATCH));
        }
        return base.overlay(spans(matches, text.length()), TraceHighlighter::union);
    }

    /** Where {@code query} occurs in {@code text}, ignoring case, as [start, end) pairs. */
    public static List<int[]> matches(String text, String query) {
        List<int[]> found = new ArrayList<>();
        String needle = query.strip().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            return found;
        }
        String hay = text.toLowerCase(Locale.ROOT);
        // Lower-casing can change lengths for a few characters; then positions would not map back, so skip.
        if (hay.length() != text.length()) {
            return found;
        }
        for (int i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length())) {
            found.add(new int[] {i, i + needle.length()});
        }
        return found;
    }

    private static Collection<String> union(Collection<String> a, Collection<String> b) {
        if (b.isEmpty()) {
            return a;
        }
        Set<String> both = new LinkedHashSet<>(a);
        both.addAll(b);
        return List.copyOf(both);
    }

    private static StyleSpans<Collection<String>> spans(List<Token> tokens, int length) {
        StyleSpansBuilder<Collection<String>> b = new StyleSpansBuilder<>();
        int at = 0;
        boolean any = false;
        for (Token t : tokens) {
            if (t.end() <= t.start()) {
                continue;
            }
            if (t.start() > at) {
                b.add(List.of(), t.start() - at);
            }
            b.add(List.of(t.style()), t.end() - t.start());
            at = t.end();
            any = true;
        }
        // A builder needs at least one span, even for empty text.
        if (length > at || !any) {
            b.add(List.of(), length - at);
        }
        return b.create();
    }

    private static void tokenize(String s, int from, int to, Format format, List<Token> out) {
        switch (format) {
            case JSON -> json(s, from, to, out);
            case DIFF -> diff(s, from, to, out);
            case CODE -> code(s, from, to, out);
            case TEXT -> prose(s, from, to, out);
        }
    }

    private static void json(String s, int from, int to, List<Token> out) {
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c == '"') {
                int end = stringEnd(s, i, to, '"');
                int next = skipSpace(s, end, to);
                out.add(new Token(i, end, next < to && s.charAt(next) == ':' ? JSON_KEY : JSON_STRING));
                i = end;
            } else if (c == '-' || Character.isDigit(c)) {
                int end = i + 1;
                while (end < to && "0123456789.eE+-".indexOf(s.charAt(end)) >= 0) {
                    end++;
                }
                out.add(new Token(i, end, JSON_NUMBER));
                i = end;
            } else if (Character.isLetter(c)) {
                int end = wordEnd(s, i, to);
                String word = s.substring(i, end);
                if (word.equals("true") || word.equals("false") || word.equals("null")) {
                    out.add(new Token(i, end, JSON_LITERAL));
                }
                i = end;
            } else {
                i++;
            }
        }
    }

    private static void diff(String s, int from, int to, List<Token> out) {
        for (int start = from; start < to; ) {
            int end = lineEnd(s, start, to);
            String line = s.substring(start, end);
            String style = line.startsWith("@@") ? DIFF_HUNK
                    : line.startsWith("+++") || line.startsWith("---") || line.startsWith("diff ")
                    || line.startsWith("index ") ? DIFF_HEADER
                    : line.startsWith("+") ? DIFF_ADD
                    : line.startsWith("-") ? DIFF_REMOVE : null;
            if (style != null && end > start) {
                out.add(new Token(start, end, style));
            }
            start = end + 1;
        }
    }

    private static void code(String s, int from, int to, List<Token> out) {
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < to && s.charAt(i + 1) == '/') {
                int end = lineEnd(s, i, to);
                out.add(new Token(i, end, CODE_COMMENT));
                i = end;
            } else if (c == '/' && i + 1 < to && s.charAt(i + 1) == '*') {
                int close = s.indexOf("*/", i + 2);
                int end = close < 0 || close + 2 > to ? to : close + 2;
                out.add(new Token(i, end, CODE_COMMENT));
                i = end;
            } else if (c == '#' && (i == from || Character.isWhitespace(s.charAt(i - 1)))) {
                int end = lineEnd(s, i, to);
                out.add(new Token(i, end, CODE_COMMENT));
                i = end;
            } else if (c == '"' || c == '\'' || c == '`') {
                int end = stringEnd(s, i, to, c);
                out.add(new Token(i, end, CODE_STRING));
                i = end;
            } else if (Character.isJavaIdentifierStart(c)) {
                int end = wordEnd(s, i, to);
                if (KEYWORDS.contains(s.substring(i, end))) {
                    out.add(new Token(i, end, CODE_KEYWORD));
                }
                i = end;
            } else if (Character.isDigit(c)) {
                int end = wordEnd(s, i, to);
                out.add(new Token(i, end, CODE_NUMBER));
                i = end;
            } else {
                i++;
            }
        }
    }

    /** Prose: plain, except fenced blocks (```lang … ```), coloured by their language or by what they look like. */
    private static void prose(String s, int from, int to, List<Token> out) {
        int start = from;
        while (start < to) {
            int end = lineEnd(s, start, to);
            if (!s.startsWith("```", start)) {
                start = end + 1;
                continue;
            }
            out.add(new Token(start, end, FENCE));
            String lang = s.substring(start + 3, end).strip().toLowerCase(Locale.ROOT);
            int bodyStart = Math.min(end + 1, to);
            int close = bodyStart;
            while (close < to && !s.startsWith("```", close)) {
                close = lineEnd(s, close, to) + 1;
            }
            int bodyEnd = Math.min(close, to);
            String body = s.substring(bodyStart, bodyEnd);
            Format inner = switch (lang) {
                case "json" -> Format.JSON;
                case "diff", "patch" -> Format.DIFF;
                case "" -> detect(body) == Format.TEXT ? Format.CODE : detect(body);
                default -> Format.CODE;
            };
            tokenize(s, bodyStart, bodyEnd, inner, out);
            if (close >= to) {
                return;
            }
            int closeEnd = lineEnd(s, close, to);
            out.add(new Token(close, closeEnd, FENCE));
            start = closeEnd + 1;
        }
    }

    private static int stringEnd(String s, int open, int to, char quote) {
        int i = open + 1;
        while (i < to) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else if (c == '\n' && quote != '`') {
                return i;
            } else {
                i++;
            }
        }
        return to;
    }

    private static int wordEnd(String s, int i, int to) {
        int end = i + 1;
        while (end < to && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
            end++;
        }
        return end;
    }

    private static int skipSpace(String s, int i, int to) {
        while (i < to && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int lineEnd(String s, int i, int to) {
        int nl = s.indexOf('\n', i);
        return nl < 0 || nl > to ? to : nl;
    }
}
