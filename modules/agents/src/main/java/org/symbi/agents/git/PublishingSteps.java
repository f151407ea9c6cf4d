package org.symbi.agents.git;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.symbi.protocol.ActionSpec;
import org.symbi.protocol.TaskOutcome;
import org.symbi.protocol.WarrantDecision;

import java.util.function.Function;

/**
 * The git operations that change what others see: push, merge, and the push of a tag. Each is a gated action: the repository's
 * rules are checked first (so approvers are not asked for what the rules refuse anyway), then the room is
 * asked for a warrant for the exact action, and only the allowed action runs, reported afterwards.
 */
final class PublishingSteps {
    private PublishingSteps() {
    }

    /** {@code push}: publishes a branch's head to a branch of the remote (by default of the same name). */
    static ObjectNode push(GitTask t) {
        t.calls("git.push", t.input.raw());
        ActionSpec action = t.withRepo(repo -> {
            String branch = t.input.text("branch") != null ? t.input.text("branch") : repo.currentBranch();
            String to = t.input.text("to") != null ? t.input.text("to") : branch;
            if (!repo.rules.mayPush(t.agentId(), to)) {
                throw new GitFailure("the rules of " + repo.name() + " do not let " + t.agentId() + " push to " + to
                        + (repo.rules.isProtected(to) ? ": it is protected, changes reach it by merge" : ""));
            }
            if (!repo.hasRemote()) {
                throw new GitFailure(repo.name() + " has no remote to push to"
                        + (repo.rules.remote() == null ? "" : " (\"" + repo.rules.remote() + "\" is not configured)"));
            }
            ObjectId head = repo.local(branch);
            if (head == null) {
                throw new GitFailure("branch " + branch + " does not exist in " + repo.name());
            }
            return gated("git.push", repo, to, branch, head);
        });
        WarrantDecision allowed = new WarrantGate(t.client, t.task, t.config.decisionWait()).ask(action,
                "publish " + action.args().path("source").asText() + " for task " + t.taskId());
        return underWarrant(t, allowed, action, repo -> {
            String status = repo.push(ObjectId.fromString(action.args().path("commit").asText()), action.args()
                    .path("branch").asText());
            t.saw("pushed " + WarrantGate.describe(action) + " to " + repo.rules.remote() + ": " + status);
            return WorkingSteps.describe(repo).put("remote", repo.rules.remote())
                    .put("branch", action.args().path("branch").asText())
                    .put("source", action.args().path("source").asText())
                    .put("commit", action.args().path("commit").asText()).put("status", status);
        });
    }

    /**
     * {@code merge}: merges a branch into the target (the base by default). The merge is worked out first;
     * a conflict, a missing or failing review, or rules that refuse it end the task before anyone is asked.
     * With auto-merge off the task ends with the merge request for a person to carry out.
     */
    static ObjectNode merge(GitTask t) {
        String source = t.input.required("source");
        t.calls("git.merge", t.input.raw());
        Checked checked = t.withRepo(repo -> {
            String target = t.input.text("target") != null ? t.input.text("target") : repo.rules.baseBranch();
            if (!repo.rules.mayMerge(t.agentId(), target)) {
                throw new GitFailure("the rules of " + repo.name() + " do not let " + t.agentId() + " merge into "
                        + target);
            }
            return new Checked(MergePlan.of(repo, source, target), repo.rules, WorkingSteps.describe(repo));
        });
        MergePlan plan = checked.plan;
        if (plan.alreadyMerged()) {
            t.saw(source + " is already merged into " + plan.target());
            return checked.where.put("merged", true).put("already_merged", true).put("source", source)
                    .put("target", plan.target()).put("commit", plan.targetHead().name());
        }
        if (plan.conflicting()) {
            t.saw("merging " + source + " into " + plan.target() + " conflicts in " + plan.conflicts());
            throw new GitFailure("merging " + source + " into " + plan.target() + " conflicts in "
                    + String.join(", ", plan.conflicts())
                    + ": nothing was merged; the branch needs the conflicts resolved");
        }
        t.saw(source + " (" + plan.sourceHead().name() + ") merges cleanly into " + plan.target()
                + (plan.fastForward() ? " as a fast-forward" : " with a merge commit"));
        ReviewVerdict review = checkedReview(t, checked.rules, plan);
        ActionSpec action = gated("git.merge", checked.rules.name(), plan.target(), source, plan.sourceHead());
        ObjectNode request = checked.where.put("source", source).put("target", plan.target())
                .put("source_commit", plan.sourceHead().name()).put("fast_forward", plan.fastForward());
        if (review != null) {
            request.set("review", review.toJson());
        }
        if (!checked.rules.autoMerge()) {
            t.saw("auto-merge is off for " + checked.rules.name() + ": the merge request is left for a person");
            ObjectNode out = GitTask.object().put("merged", false)
                    .put("reason", "auto-merge is off for " + checked.rules.name() + ": a person merges");
            out.set("merge_request", request);
            return out;
        }
        WarrantDecision allowed = new WarrantGate(t.client, t.task, t.config.decisionWait()).ask(action,
                "merge " + source + " into " + plan.target() + " for task " + t.taskId()
                        + (review == null ? "" : "; review " + review.verdict() + " from " + review.source()));
        return underWarrant(t, allowed, action, repo -> {
            MergePlan now = MergePlan.of(repo, source, plan.target());
            if (now.alreadyMerged()) {
                t.saw(source + " was merged into " + plan.target() + " meanwhile");
                return request.put("merged", true).put("already_merged", true).put("commit", now.targetHead().name());
            }
            if (!now.sourceHead().equals(plan.sourceHead())) {
                throw new GitFailure(source + " moved to " + now.sourceHead().name() + " after the warrant allowed "
                        + plan.sourceHead().name() + ": nothing was merged");
            }
            if (now.conflicting()) {
                throw new GitFailure(plan.target() + " moved on and now conflicts with " + source + " in "
                        + String.join(", ", now.conflicts()) + ": nothing was merged");
            }
            String message = t.input.text("message") != null ? t.input.text("message")
                    : "Merge " + source + " into " + plan.target() + "\n\nTask: " + t.taskId()
                    + (review == null ? "" : "\nReview: " + review.verdict() + " (" + review.source() + ")");
            ObjectId head = now.apply(repo, t.author(), message);
            t.saw((now.fastForward() ? "fast-forwarded " : "merged ") + source + " into " + plan.target() + " at "
                    + head.name() + (repo.hasRemote() ? " and pushed it to " + repo.rules.remote() : ""));
            return request.put("merged", true).put("commit", head.name()).put("fast_forward", now.fastForward())
                    .put("pushed", repo.hasRemote());
        });
    }

    /**
     * {@code tag}: an annotated tag by the agent of a branch's head or a commit (the base branch by default),
     * pushed to the remote when there is one, as a gated action. A tag already at that commit is not made
     * again, so a retry finds its work done; a tag pointing elsewhere, here or on the remote, is never moved.
     */
    static ObjectNode tag(GitTask t) {
        String tag = t.input.text("tag");
        if (tag == null) {
            throw new GitFailure("no version to tag: name the version to tag (input field \"tag\", e.g. \"v1.4.0\"; "
                    + "a request names it in its text, as in \"Release 1.4.0 to staging\")");
        }
        if (!Repository.isValidRefName(Constants.R_TAGS + tag)) {
            throw new GitFailure("\"" + tag + "\" is not a valid tag name");
        }
        String ref = Constants.R_TAGS + tag;
        t.calls("git.tag", t.input.raw());
        Tagging tagging = t.withRepo(repo -> {
            String what = t.input.text("ref") != null ? t.input.text("ref") : repo.rules.baseBranch();
            repo.fetch();
            ObjectId commit = repo.commitOf(what);
            if (commit == null) {
                throw new GitFailure(what + " names no branch or commit of " + repo.name());
            }
            ObjectId there = repo.hasRemote() ? repo.remoteTag(tag) : null;
            refuseMoving(tag, commit, there, repo.rules.remote() + " (the remote of " + repo.name() + ")");
            ObjectId here = repo.tagged(tag);
            refuseMoving(tag, commit, here, repo.name());
            boolean push = repo.hasRemote() && there == null;
            if (push && !repo.rules.mayPush(t.agentId(), ref)) {
                throw new GitFailure("the rules of " + repo.name() + " do not let " + t.agentId() + " push " + ref);
            }
            if (here == null) {
                String message = t.input.text("message") != null ? t.input.text("message") : "Release " + tag;
                repo.tag(tag, commit, message, t.author());
                t.saw("created tag " + tag + " at " + commit.name() + " (" + what + ") as " + t.author().getName());
            } else {
                t.saw("tag " + tag + " already points at " + commit.name() + " (" + what + "): nothing to create");
            }
            if (!repo.hasRemote()) {
                t.saw(repo.name() + " has no remote: the tag stays local");
            } else if (!push) {
                t.saw(repo.rules.remote() + " already has tag " + tag + " at " + commit.name());
            }
            ObjectNode out = WorkingSteps.describe(repo).put("tag", tag).put("ref", what).put("commit", commit.name())
                    .put("created", here == null).put("pushed", there != null).putNull("warrant");
            return new Tagging(out, push ? gated("git.push", repo, ref, tag, commit) : null);
        });
        if (tagging.push == null) {
            return tagging.result;
        }
        WarrantDecision allowed = new WarrantGate(t.client, t.task, t.config.decisionWait()).ask(tagging.push,
                "publish tag " + tag + " of " + WarrantGate.shortId(tagging.result.path("commit").asText())
                        + " for task " + t.taskId());
        return underWarrant(t, allowed, tagging.push, repo -> {
            String commit = tagging.push.args().path("commit").asText();
            ObjectId here = repo.tagged(tag);
            if (here == null || !here.name().equals(commit)) {
                throw new GitFailure("tag " + tag + " no longer points at " + commit + " after the warrant allowed "
                        + "pushing it: nothing was pushed");
            }
            if (commit.equals(name(repo.remoteTag(tag)))) {
                t.saw(repo.rules.remote() + " received tag " + tag + " meanwhile");
                return tagging.result.put("pushed", true).put("already_pushed", true);
            }
            String status = repo.pushTag(tag);
            t.saw("pushed tag " + tag + " (" + commit + ") to " + repo.rules.remote() + ": " + status);
            return tagging.result.put("pushed", true).put("remote", repo.rules.remote());
        });
    }

    /** A tag points at one commit for good: one found elsewhere fails the task. */
    private static void refuseMoving(String tag, ObjectId commit, ObjectId found, String where) {
        if (found != null && !found.equals(commit)) {
            throw new GitFailure("tag " + tag + " already exists in " + where + " at " + found.name() + ", not at "
                    + commit.name() + ": a tag is never moved; name another version");
        }
    }

    private static String name(ObjectId id) {
        return id == null ? null : id.name();
    }

    /** A tag made or found, and the push it still needs (null: none). */
    private record Tagging(ObjectNode result, ActionSpec push) {
    }

    private record Checked(MergePlan plan, RepositoryRules rules, ObjectNode where) {
    }

    /** The review a merge rests on, when the rules ask for one: present, passing, and of this commit. */
    private static ReviewVerdict checkedReview(GitTask t, RepositoryRules rules, MergePlan plan) {
        ReviewVerdict review = ReviewVerdict.of(t.input, t.config.taskResults());
        if (!rules.requireReview()) {
            return review;
        }
        String refused = "the rules of " + rules.name() + " need a passing review before a merge into " + plan.target();
        if (review == null) {
            throw new GitFailure(refused + "; the task gave none (\"review\" or \"review_task\")");
        }
        if (!review.passed()) {
            throw new GitFailure(refused + "; " + review.source() + " says \"" + review.verdict() + "\"");
        }
        if (!review.covers(plan.sourceHead())) {
            throw new GitFailure(refused + "; " + review.source() + " passed " + review.commit() + " but "
                    + plan.source() + " is at " + plan.sourceHead().name());
        }
        t.thinks("review " + review.verdict() + " from " + review.source() + ": the merge may be asked for");
        return review;
    }

    private static ActionSpec gated(String kind, GitRepo repo, String branch, String source, ObjectId commit) {
        return gated(kind, repo.name(), branch, source, commit);
    }

    /** The action as the policy reads it: {@code branch} is where the change lands. */
    private static ActionSpec gated(String kind, String repository, String branch, String source, ObjectId commit) {
        return new ActionSpec(kind, GitTask.object().put("repository", repository).put("branch", branch)
                .put("source", source).put("commit", commit.name()));
    }

    /** Runs the allowed action and reports how it went; a failure is reported too, and fails the task. */
    private static ObjectNode underWarrant(GitTask t, WarrantDecision allowed, ActionSpec action,
                                           Function<GitRepo, ObjectNode> run) {
        WarrantGate gate = new WarrantGate(t.client, t.task, t.config.decisionWait());
        ObjectNode result;
        try {
            result = t.withRepo(run);
        } catch (GitFailure e) {
            gate.report(allowed, action, TaskOutcome.FAILURE, GitTask.object().put("error", e.getMessage()));
            throw e;
        }
        result.put("warrant", allowed.warrantId());
        // a second attempt of the task, woken by the same decision, finds the work done and has nothing to report
        if (!result.path("already_merged").asBoolean() && !result.path("already_pushed").asBoolean()) {
            gate.report(allowed, action, TaskOutcome.SUCCESS, result);
        }
        return result;
    }
}
