package org.symbi.agents.git;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Branch-name globs as the room's policy writes them: {@code **} matches anything, {@code *} anything but
 * {@code /}, {@code ?} one character but {@code /}; everything else matches itself.
 */
final class BranchGlob {
    private BranchGlob() {
    }

    static boolean matches(String glob, String name) {
        return toRegex(glob).matcher(name).matches();
    }

    static boolean anyMatches(List<String> globs, String name) {
        return globs.stream().anyMatch(g -> matches(g, name));
    }

    private static Pattern toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            String wildcard = null;
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                wildcard = ".*";
                i++;
            } else if (c == '*') {
                wildcard = "[^/]*";
            } else if (c == '?') {
                wildcard = "[^/]";
            }
            if (wildcard == null) {
                literal.append(c);
            } else {
                regex.append(Pattern.quote(literal.toString())).append(wildcard);
                literal.setLength(0);
            }
        }
        return Pattern.compile(regex.append(Pattern.quote(literal.toString())).toString());
    }
}
