package org.symbi.agents.docs;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts entries under the changelog's "Unreleased" heading (Keep a Changelog style: {@code ## Unreleased}
 * or {@code ## [Unreleased]}, with {@code ### Added}, {@code ### Fixed}, … below it), newest first at the
 * top of their group. An entry the file already has anywhere is not written again. Everything else in the
 * file stays as it was, byte for byte.
 */
final class Changelog {
    private static final Pattern UNRELEASED = Pattern.compile("\\[?unreleased]?", Pattern.CASE_INSENSITIVE);
    private static final Pattern BULLET = Pattern.compile("^\\s*([-*+])\\s+(.*)$");

    private Changelog() {
    }

    /**
     * @param text         the file's new text
     * @param added        the entries written
     * @param alreadyThere the entries left out because the file had them
     */
    record Update(String text, List<ChangeEntry> added, List<ChangeEntry> alreadyThere) {
        boolean changed() {
            return !added.isEmpty();
        }
    }

    /** @param existing the changelog's text, or null when there is none yet */
    static Update merge(String existing, List<ChangeEntry> newestFirst) {
        MarkdownLines md = new MarkdownLines(existing == null ? "" : existing);
        Set<String> written = new HashSet<>();
        String bullet = null;
        for (MarkdownLines.Line line : md.lines()) {
            Matcher b = BULLET.matcher(md.content(line));
            if (line.level() == 0 && b.matches()) {
                written.add(ChangeEntry.key(b.group(2)));
                bullet = bullet == null ? b.group(1) : bullet;
            }
        }
        List<ChangeEntry> added = new ArrayList<>();
        List<ChangeEntry> alreadyThere = new ArrayList<>();
        Map<ChangeEntry.Group, List<ChangeEntry>> byGroup = new EnumMap<>(ChangeEntry.Group.class);
        for (ChangeEntry e : newestFirst) {
            if (written.add(ChangeEntry.key(e.text()))) {
                added.add(e);
                byGroup.computeIfAbsent(e.group(), g -> new ArrayList<>()).add(e);
            } else {
                alreadyThere.add(e);
            }
        }
        if (added.isEmpty()) {
            return new Update(md.text(), added, alreadyThere);
        }
        Writer w = new Writer(md.newline(), bullet == null ? "-" : bullet);
        String text = existing == null ? "# Changelog" + md.newline() + md.newline() + w.lastSection(byGroup)
                : md.splice(edits(md, w, byGroup));
        return new Update(text, added, alreadyThere);
    }

    private static List<MarkdownLines.Edit> edits(MarkdownLines md, Writer w,
                                                  Map<ChangeEntry.Group, List<ChangeEntry>> byGroup) {
        List<MarkdownLines.Line> lines = md.lines();
        int unreleased = -1;
        for (int i = 0; i < lines.size() && unreleased < 0; i++) {
            MarkdownLines.Line l = lines.get(i);
            if (l.level() == 2 && UNRELEASED.matcher(l.title()).matches()) {
                unreleased = i;
            }
        }
        if (unreleased < 0) {
            int firstRelease = md.nextHeading(0, 2);
            while (firstRelease < lines.size() && lines.get(firstRelease).level() == 1) {
                firstRelease = md.nextHeading(firstRelease + 1, 2);
            }
            if (firstRelease < lines.size()) {
                return List.of(MarkdownLines.Edit.insert(lines.get(firstRelease).start(), w.section(byGroup)));
            }
            return List.of(MarkdownLines.Edit.insert(md.text().length(), w.separator(md) + w.lastSection(byGroup)));
        }
        int end = md.nextHeading(unreleased + 1, 2);
        Map<ChangeEntry.Group, Integer> subsections = new LinkedHashMap<>();
        int lastFilled = unreleased;
        for (int i = unreleased + 1; i < end; i++) {
            MarkdownLines.Line l = lines.get(i);
            ChangeEntry.Group g = l.level() == 3 ? ChangeEntry.Group.ofHeading(l.title()) : null;
            if (g != null) {
                subsections.putIfAbsent(g, i);
            }
            if (!md.isBlank(i)) {
                lastFilled = i;
            }
        }
        List<MarkdownLines.Edit> edits = new ArrayList<>();
        StringBuilder newGroups = new StringBuilder();
        for (Map.Entry<ChangeEntry.Group, List<ChangeEntry>> group : byGroup.entrySet()) {
            Integer heading = subsections.get(group.getKey());
            if (heading == null) {
                newGroups.append(w.nl).append(w.group(group.getKey(), group.getValue()));
                continue;
            }
            // below the group's heading and the blank line after it, above the entries already there
            int below = heading + 1 < end && md.isBlank(heading + 1) ? heading + 1 : heading;
            MarkdownLines.Line l = lines.get(below);
            edits.add(MarkdownLines.Edit.insert(l.next(), (l.endsWithNewline() ? "" : w.nl) + w.bullets(group.getValue())));
        }
        if (!newGroups.isEmpty()) {
            MarkdownLines.Line l = lines.get(lastFilled);
            edits.add(MarkdownLines.Edit.insert(l.next(), (l.endsWithNewline() ? "" : w.nl) + newGroups));
        }
        return edits;
    }

    /** Writes new text in the file's own line ends and bullet character. */
    private record Writer(String nl, String bullet) {
        String section(Map<ChangeEntry.Group, List<ChangeEntry>> byGroup) {
            StringBuilder s = new StringBuilder("## Unreleased").append(nl).append(nl);
            byGroup.forEach((g, entries) -> s.append(group(g, entries)).append(nl));
            return s.toString();
        }

        /** A section that ends the file: no blank line after it. */
        String lastSection(Map<ChangeEntry.Group, List<ChangeEntry>> byGroup) {
            String s = section(byGroup);
            return s.substring(0, s.length() - nl.length());
        }

        String group(ChangeEntry.Group g, List<ChangeEntry> entries) {
            return "### " + g.heading + nl + nl + bullets(entries);
        }

        String bullets(List<ChangeEntry> entries) {
            StringBuilder s = new StringBuilder();
            entries.forEach(e -> s.append(bullet).append(' ').append(e.text()).append(nl));
            return s.toString();
        }

        /** What goes between the end of the text and a section appended to it: a blank line. */
        String separator(MarkdownLines md) {
            String t = md.text();
            if (t.isEmpty() || t.endsWith(nl + nl)) {
                return "";
            }
            return t.endsWith(nl) ? nl : nl + nl;
        }
    }
}
