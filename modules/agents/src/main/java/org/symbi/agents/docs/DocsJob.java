package org.symbi.agents.docs;

import com.fasterxml.jackson.databind.JsonNode;
import org.symbi.protocol.TaskSpec;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What one documentation task asks, from its input.
 *
 * @param changelog the changelog file, or null when the task leaves it alone
 * @param readme    the README file, or null when no section is to be written
 * @param section   the README heading whose content is replaced
 * @param text      the section's new content, or null to write a summary of the commits
 */
record DocsJob(Path worktree, String base, Path changelog, Path readme, String section, String text) {

    /** @throws IllegalArgumentException with a message for the person who wrote the task */
    static DocsJob of(TaskSpec task) {
        JsonNode in = task.input();
        if (in == null || !in.isObject() || text(in, "worktree") == null) {
            throw new IllegalArgumentException("the task's input names no worktree (input.worktree: the git "
                    + "working tree whose docs to update)");
        }
        Path worktree = Path.of(text(in, "worktree")).toAbsolutePath().normalize();
        if (!Files.isDirectory(worktree)) {
            throw new IllegalArgumentException("the worktree " + worktree + " is not a directory here");
        }
        boolean changelog = !in.has("changelog") || in.get("changelog").asBoolean(true);
        String section = text(in, "readme_section");
        if (!changelog && section == null) {
            throw new IllegalArgumentException("the task asks for neither the changelog nor a README section");
        }
        return new DocsJob(worktree, text(in, "base"),
                changelog ? inside(worktree, orDefault(text(in, "changelog_file"), "CHANGELOG.md")) : null,
                section == null ? null : inside(worktree, orDefault(text(in, "readme_file"), "README.md")),
                section, text(in, "readme_text"));
    }

    /** A file the task names, which must lie inside the worktree. */
    private static Path inside(Path worktree, String relative) {
        Path p = worktree.resolve(relative).normalize();
        if (!p.startsWith(worktree) || p.equals(worktree)) {
            throw new IllegalArgumentException("the file " + relative + " is not inside the worktree");
        }
        return p;
    }

    private static String orDefault(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static String text(JsonNode in, String field) {
        JsonNode n = in.get(field);
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    }
}
