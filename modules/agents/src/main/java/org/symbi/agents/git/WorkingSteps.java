package org.symbi.agents.git;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/** The git operations that stay in the agent's working tree: open, branch, commit, diff. None needs a warrant. */
final class WorkingSteps {
    private static final int MAX_SLUG = 40;

    private WorkingSteps() {
    }

    /** {@code open}: opens or clones the repository and tells where it is and what is checked out. */
    static ObjectNode open(GitTask t) {
        t.calls("git.open", t.input.raw());
        return t.withRepo(repo -> {
            ObjectId head = repo.local(repo.currentBranch());
            ObjectNode out = describe(repo).put("branch", repo.currentBranch())
                    .put("head", head == null ? null : head.name());
            t.saw("opened " + repo.name() + " at " + repo.worktree() + " on " + repo.currentBranch());
            return out;
        });
    }

    /**
     * {@code branch}: the task's branch, {@code <prefix><task>-<slug of title>}, started from the newest base
     * (local or the remote's) and checked out; an existing one is checked out again.
     */
    static ObjectNode branch(GitTask t) {
        t.calls("git.branch", t.input.raw());
        return t.withRepo(repo -> {
            RepositoryRules rules = repo.rules;
            String base = t.input.text("base") != null ? t.input.text("base") : rules.baseBranch();
            String branch = t.input.text("branch") != null ? t.input.text("branch") : taskBranch(t, rules);
            if (!Repository.isValidRefName("refs/heads/" + branch)) {
                throw new GitFailure("\"" + branch + "\" is not a valid branch name");
            }
            if (rules.isProtected(branch)) {
                throw new GitFailure(branch + " is a protected branch of " + repo.name()
                        + ": a task works on a branch of its own");
            }
            repo.fetch();
            boolean created = repo.local(branch) == null;
            ObjectId start = null;
            if (created) {
                start = repo.remoteHead(branch) != null ? repo.remoteHead(branch) : repo.newest(base);
                if (start == null) {
                    throw new GitFailure("base branch " + base + " does not exist in " + repo.name());
                }
            }
            repo.checkout(branch, start);
            ObjectId head = repo.local(branch);
            t.saw((created ? "created " : "checked out existing ") + branch + " at " + head.name() + " in "
                    + repo.worktree());
            return describe(repo).put("branch", branch).put("base", base).put("commit", head.name())
                    .put("created", created);
        });
    }

    private static String taskBranch(GitTask t, RepositoryRules rules) {
        String forTask = t.input.text("task") != null ? t.input.text("task") : t.taskId();
        String title = t.input.text("title") != null ? t.input.text("title") : t.task.title();
        String slug = title == null ? "" : slug(title);
        return rules.branchPrefix() + slug(forTask) + (slug.isEmpty() ? "" : "-" + slug);
    }

    static String slug(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String s = plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.length() <= MAX_SLUG ? s : s.substring(0, MAX_SLUG).replaceAll("-+$", "");
    }

    /** {@code commit}: stages the task's changes and commits them with the agent as author. */
    static ObjectNode commit(GitTask t) {
        String message = t.input.required("message");
        List<String> paths = t.input.texts("paths");
        t.calls("git.commit", t.input.raw());
        return t.withRepo(repo -> {
            String wanted = t.input.text("branch");
            if (wanted != null && !repo.isCheckedOut(wanted)) {
                repo.checkout(wanted, null);
            }
            String branch = repo.currentBranch();
            if (repo.rules.isProtected(branch)) {
                throw new GitFailure(branch + " is a protected branch of " + repo.name()
                        + ": changes reach it by merge, not by commit");
            }
            RevCommit c = repo.commit(paths, message, t.author());
            RevCommit parent = c.getParentCount() == 0 ? null : repo.commitAt(c.getParent(0));
            List<DiffEntry> changes = repo.changes(parent, c);
            t.saw("committed " + c.name() + " on " + branch + " as " + t.author().getName() + " <"
                    + t.author().getEmailAddress() + ">: " + changes.size() + " file(s)");
            ObjectNode out = describe(repo).put("branch", branch).put("commit", c.name())
                    .put("author", t.author().getName() + " <" + t.author().getEmailAddress() + ">");
            out.set("files", files(changes));
            return out;
        });
    }

    /** {@code diff}: the unified diff of a branch against its base, from where they parted (as a review sees it). */
    static ObjectNode diff(GitTask t) {
        t.calls("git.diff", t.input.raw());
        return t.withRepo(repo -> {
            String branch = t.input.text("branch") != null ? t.input.text("branch") : repo.currentBranch();
            String base = t.input.text("base") != null ? t.input.text("base") : repo.rules.baseBranch();
            repo.fetch();
            ObjectId head = repo.local(branch) != null ? repo.local(branch) : repo.remoteHead(branch);
            ObjectId baseHead = repo.newest(base);
            if (head == null || baseHead == null) {
                throw new GitFailure("branch " + (head == null ? branch : base) + " does not exist in " + repo.name());
            }
            RevCommit from = repo.mergeBase(baseHead, head);
            if (from == null) {
                from = repo.commitAt(baseHead);
            }
            List<DiffEntry> changes = repo.changes(from, repo.commitAt(head));
            String diff = repo.unifiedDiff(changes);
            boolean truncated = diff.length() > GitTask.MAX_DIFF_CHARS;
            t.saw(changes.isEmpty() ? branch + " has no changes against " + base
                    : GitTask.capped(diff) + (truncated ? "\n[diff truncated]" : ""));
            ObjectNode out = describe(repo).put("branch", branch).put("base", base)
                    .put("base_commit", from.name()).put("commit", head.name());
            out.set("files", files(changes));
            return out.put("diff", GitTask.capped(diff)).put("truncated", truncated);
        });
    }

    static ObjectNode describe(GitRepo repo) {
        return GitTask.object().put("repository", repo.name()).put("worktree", repo.worktree().toString());
    }

    private static ArrayNode files(List<DiffEntry> changes) {
        ArrayNode files = GitTask.object().arrayNode();
        for (DiffEntry e : changes) {
            ObjectNode f = files.addObject().put("change", e.getChangeType().name().toLowerCase(Locale.ROOT))
                    .put("path", e.getChangeType() == DiffEntry.ChangeType.DELETE ? e.getOldPath() : e.getNewPath());
            if (e.getChangeType() == DiffEntry.ChangeType.RENAME || e.getChangeType() == DiffEntry.ChangeType.COPY) {
                f.put("old_path", e.getOldPath());
            }
        }
        return files;
    }
}
