package org.symbi.protocol;

import java.util.BitSet;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A faster test for the anchored patterns the wire schema uses for names, {@code ^[first][rest]*$} and
 * {@code ^[rest]+$}: two character classes of ASCII ranges and characters, checked character by character.
 * Every frame carries several ids, and a regex engine costs several times this per string.
 */
final class CharClassPattern implements Predicate<String> {
    private final BitSet first;
    private final BitSet rest;

    private CharClassPattern(BitSet first, BitSet rest) {
        this.first = first;
        this.rest = rest;
    }

    /** The same test as {@code pattern}, when its shape is one of the two above; empty otherwise. */
    static Optional<Predicate<String>> of(Pattern pattern) {
        String p = pattern.pattern();
        if (!p.startsWith("^[") || !p.endsWith("$")) {
            return Optional.empty();
        }
        int close = p.indexOf(']', 2);
        BitSet first = charClass(p, 2, close);
        if (first == null) {
            return Optional.empty();
        }
        String tail = p.substring(close + 1, p.length() - 1);
        if (tail.equals("+")) {
            return Optional.of(new CharClassPattern(first, first));
        }
        if (tail.startsWith("[") && tail.endsWith("]*") && tail.indexOf(']') == tail.length() - 2) {
            BitSet rest = charClass(tail, 1, tail.length() - 2);
            return rest == null ? Optional.empty() : Optional.of(new CharClassPattern(first, rest));
        }
        return Optional.empty();
    }

    /** Reads {@code a-z}, {@code 0-9} and plain ASCII characters between {@code from} and {@code to}. */
    private static BitSet charClass(String p, int from, int to) {
        if (to < 0 || to <= from) {
            return null;
        }
        BitSet set = new BitSet(128);
        for (int i = from; i < to; i++) {
            char c = p.charAt(i);
            if (c == '\\' || c == '[' || c == '^' && i == from || c > 127) {
                return null;
            }
            if (i + 2 < to && p.charAt(i + 1) == '-') {
                char end = p.charAt(i + 2);
                if (end < c || end > 127) {
                    return null;
                }
                set.set(c, end + 1);
                i += 2;
            } else {
                set.set(c);
            }
        }
        return set;
    }

    @Override
    public boolean test(String value) {
        if (value.isEmpty() || !in(first, value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            if (!in(rest, value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean in(BitSet set, char c) {
        return c < 128 && set.get(c);
    }
}
