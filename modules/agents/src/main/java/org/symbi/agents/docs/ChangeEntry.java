package org.symbi.agents.docs;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line of the changelog made from a commit subject, in the group it belongs to. Conventional commit
 * types decide the group ({@code feat:} is Added, {@code fix:} is Fixed, …); other subjects go by their
 * first word ("Add …", "Fix …", "Remove …"); anything else is Changed. A known type prefix is dropped and
 * its scope kept as a prefix of the text; any other "Word: …" subject stays whole.
 */
record ChangeEntry(Group group, String text) {

    /** The groups of Keep a Changelog, in the order they are written. */
    enum Group {
        ADDED("Added"), CHANGED("Changed"), DEPRECATED("Deprecated"), REMOVED("Removed"), FIXED("Fixed"),
        SECURITY("Security");

        final String heading;

        Group(String heading) {
            this.heading = heading;
        }

        static Group ofHeading(String heading) {
            for (Group g : values()) {
                if (g.heading.equalsIgnoreCase(heading.strip())) {
                    return g;
                }
            }
            return null;
        }
    }

    private static final Pattern CONVENTIONAL = Pattern.compile("^([a-zA-Z]+)(?:\\(([^)]*)\\))?!?:\\s*(.+)$");
    private static final Map<String, Group> TYPES = Map.ofEntries(
            Map.entry("feat", Group.ADDED), Map.entry("feature", Group.ADDED), Map.entry("add", Group.ADDED),
            Map.entry("fix", Group.FIXED), Map.entry("bugfix", Group.FIXED), Map.entry("hotfix", Group.FIXED),
            Map.entry("security", Group.SECURITY), Map.entry("sec", Group.SECURITY),
            Map.entry("deprecate", Group.DEPRECATED), Map.entry("remove", Group.REMOVED),
            Map.entry("docs", Group.CHANGED), Map.entry("style", Group.CHANGED), Map.entry("refactor", Group.CHANGED),
            Map.entry("perf", Group.CHANGED), Map.entry("test", Group.CHANGED), Map.entry("build", Group.CHANGED),
            Map.entry("ci", Group.CHANGED), Map.entry("chore", Group.CHANGED), Map.entry("revert", Group.CHANGED));
    private static final List<Map.Entry<Pattern, Group>> FIRST_WORDS = List.of(
            Map.entry(word("add|adds|added|introduce|introduces|introduced|new|create|creates"), Group.ADDED),
            Map.entry(word("fix|fixes|fixed|repair|repairs|correct|corrects"), Group.FIXED),
            Map.entry(word("remove|removes|removed|delete|deletes|deleted|drop|drops|dropped"), Group.REMOVED),
            Map.entry(word("deprecate|deprecates|deprecated"), Group.DEPRECATED),
            Map.entry(word("security"), Group.SECURITY));

    private static Pattern word(String alternatives) {
        return Pattern.compile("^(?:" + alternatives + ")\\b", Pattern.CASE_INSENSITIVE);
    }

    static ChangeEntry of(String subject) {
        String s = subject.strip();
        Matcher m = CONVENTIONAL.matcher(s);
        Group typed = m.matches() ? TYPES.get(m.group(1).toLowerCase(Locale.ROOT)) : null;
        if (typed != null) {
            String scope = m.group(2) == null || m.group(2).isBlank() ? "" : m.group(2).strip() + ": ";
            return new ChangeEntry(typed, capitalized(scope + m.group(3).strip()));
        }
        for (Map.Entry<Pattern, Group> rule : FIRST_WORDS) {
            if (rule.getKey().matcher(s).find()) {
                return new ChangeEntry(rule.getValue(), capitalized(s));
            }
        }
        return new ChangeEntry(Group.CHANGED, capitalized(s));
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    /** How entries are compared with those already written: case, bullets and spacing aside. */
    static String key(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
