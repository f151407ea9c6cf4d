package org.symbi.agents.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A unified diff read back into files and the lines each adds, with their line numbers in the new file. */
public final class UnifiedDiff {
    private static final Pattern HUNK = Pattern.compile("^@@ -\\d+(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@");
    private static final Pattern GIT_HEADER = Pattern.compile("^diff --git a/(.+) b/(.+)$");

    /** A line the change adds: its number in the new file and its text. */
    public record Line(int number, String text) {
    }

    /**
     * One file of the diff.
     *
     * @param path    the file's path after the change (before it, for a deleted file)
     * @param removed how many lines the change removes
     */
    public record FileChange(String path, boolean added, boolean deleted, boolean binary, List<Line> addedLines,
                             int removed) {
    }

    private UnifiedDiff() {
    }

    public static List<FileChange> parse(String diff) {
        List<FileChange> files = new ArrayList<>();
        Builder current = null;
        int oldLeft = 0;
        int newLeft = 0;
        int newLine = 0;
        for (String line : diff.split("\n", -1)) {
            if (oldLeft > 0 || newLeft > 0) {
                if (line.startsWith("+")) {
                    current.lines.add(new Line(newLine++, line.substring(1)));
                    newLeft--;
                } else if (line.startsWith("-")) {
                    current.removed++;
                    oldLeft--;
                } else if (line.startsWith(" ") || line.isEmpty()) {
                    newLine++;
                    oldLeft--;
                    newLeft--;
                }
                continue; // "\ No newline at end of file" counts for neither side
            }
            Matcher header = GIT_HEADER.matcher(line);
            if (header.matches()) {
                if (current != null) {
                    files.add(current.build());
                }
                current = new Builder(header.group(2));
            } else if (current == null) {
                continue;
            } else if (line.startsWith("new file mode")) {
                current.added = true;
            } else if (line.startsWith("deleted file mode")) {
                current.deleted = true;
            } else if (line.startsWith("Binary files") || line.startsWith("GIT binary patch")) {
                current.binary = true;
            } else if (line.startsWith("+++ b/")) {
                current.path = line.substring("+++ b/".length());
            } else if (line.startsWith("--- a/") && current.deleted) {
                current.path = line.substring("--- a/".length());
            } else {
                Matcher hunk = HUNK.matcher(line);
                if (hunk.find()) {
                    oldLeft = hunk.group(1) == null ? 1 : Integer.parseInt(hunk.group(1));
                    newLine = Integer.parseInt(hunk.group(2));
                    newLeft = hunk.group(3) == null ? 1 : Integer.parseInt(hunk.group(3));
                }
            }
        }
        if (current != null) {
            files.add(current.build());
        }
        return files;
    }

    private static final class Builder {
        private String path;
        private boolean added;
        private boolean deleted;
        private boolean binary;
        private final List<Line> lines = new ArrayList<>();
        private int removed;

        Builder(String path) {
            this.path = path;
        }

        FileChange build() {
            return new FileChange(path, added, deleted, binary, List.copyOf(lines), removed);
        }
    }
}
