package org.symbi.governance;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A path-style glob: {@code **} matches anything, {@code *} anything but {@code /}, {@code ?} one character
 * but {@code /}. Compiled once, because scopes and policy rules are matched on every authorization.
 */
public final class Glob {
    private final String text;
    private final Pattern pattern;

    private Glob(String text) {
        this.text = text;
        this.pattern = Pattern.compile(toRegex(text));
    }

    public static Glob of(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty glob");
        }
        return new Glob(text);
    }

    public static List<Glob> all(List<String> texts) {
        return texts == null ? List.of() : texts.stream().map(Glob::of).toList();
    }

    /** True if any glob matches; an empty list constrains nothing. */
    public static boolean anyMatches(List<Glob> globs, String value) {
        if (globs.isEmpty()) {
            return true;
        }
        if (value == null) {
            return false;
        }
        for (Glob g : globs) {
            if (g.matches(value)) {
                return true;
            }
        }
        return false;
    }

    public boolean matches(String value) {
        return pattern.matcher(value).matches();
    }

    @Override
    public String toString() {
        return text;
    }

    private static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
