package org.symbi.agents.docs;

import java.util.List;
import java.util.Locale;

/**
 * Replaces what stands under one heading of a Markdown file, up to the next heading of the same or a higher
 * level, and leaves the rest of the file byte for byte as it was. A file without the heading gets it, as a
 * level-2 section at its end.
 */
final class ReadmeSection {
    private ReadmeSection() {
    }

    /**
     * @param text    the file's new text
     * @param existed whether the heading was there (else it was added)
     */
    record Update(String text, boolean existed) {
    }

    /** @param body the section's new content, without its heading */
    static Update replace(String existing, String heading, String body) {
        MarkdownLines md = new MarkdownLines(existing);
        String nl = md.newline();
        String content = body.strip().replace("\r\n", "\n").replace("\n", nl) + nl;
        List<MarkdownLines.Line> lines = md.lines();
        String wanted = heading.strip().toLowerCase(Locale.ROOT);
        for (int i = 0; i < lines.size(); i++) {
            MarkdownLines.Line h = lines.get(i);
            if (h.level() > 0 && h.title().toLowerCase(Locale.ROOT).equals(wanted)) {
                int next = md.nextHeading(i + 1, h.level());
                int from = h.next();
                int to = next < lines.size() ? lines.get(next).start() : existing.length();
                String lead = h.endsWithNewline() ? nl : nl + nl;
                String trail = next < lines.size() ? nl : "";
                return new Update(md.splice(List.of(new MarkdownLines.Edit(from, to, lead + content + trail))), true);
            }
        }
        String separator = existing.isEmpty() || existing.endsWith(nl + nl) ? "" : existing.endsWith(nl) ? nl : nl + nl;
        return new Update(existing + separator + "## " + heading.strip() + nl + nl + content, false);
    }
}
