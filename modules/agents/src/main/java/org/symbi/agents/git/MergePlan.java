package org.symbi.agents.git;

import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;

import java.io.IOException;
import java.util.List;
import java.util.TreeSet;

/**
 * A merge of one branch into another, worked out in memory before anything changes: whether it is a
 * fast-forward, already done, or conflicts, and the merged tree. Nothing on disk is touched until
 * {@link #apply}, so a merge is never left half done.
 *
 * @param targetLocal the local target branch's head now, or null when it exists only on the remote
 * @param targetHead  what the source merges into: the remote's head when there is a remote
 * @param mergedTree  the merged tree for a merge commit; null for a fast-forward, a done or a conflicting merge
 */
record MergePlan(String source, String target, ObjectId sourceHead, ObjectId targetLocal, ObjectId targetHead,
                 boolean alreadyMerged, boolean fastForward, List<String> conflicts, ObjectId mergedTree) {

    /** Works out the merge on the remote's current state (fetched first), refusing what would lose work. */
    static MergePlan of(GitRepo repo, String source, String target) {
        repo.fetch();
        ObjectId sourceHead = repo.local(source) != null ? repo.local(source) : repo.remoteHead(source);
        if (sourceHead == null) {
            throw new GitFailure("branch " + source + " does not exist in " + repo.name());
        }
        ObjectId targetLocal = repo.local(target);
        ObjectId targetHead = targetOf(repo, target, targetLocal);
        if (repo.isAncestor(sourceHead, targetHead)) {
            return new MergePlan(source, target, sourceHead, targetLocal, targetHead, true, false, List.of(), null);
        }
        if (repo.rules.fastForward() && repo.isAncestor(targetHead, sourceHead)) {
            return new MergePlan(source, target, sourceHead, targetLocal, targetHead, false, true, List.of(), null);
        }
        try {
            ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(repo.repo, true);
            if (merger.merge(targetHead, sourceHead)) {
                return new MergePlan(source, target, sourceHead, targetLocal, targetHead, false, false, List.of(),
                        merger.getResultTreeId());
            }
            TreeSet<String> conflicts = new TreeSet<>(merger.getUnmergedPaths());
            if (merger.getFailingPaths() != null) {
                conflicts.addAll(merger.getFailingPaths().keySet());
            }
            return new MergePlan(source, target, sourceHead, targetLocal, targetHead, false, false,
                    List.copyOf(conflicts), null);
        } catch (IOException e) {
            throw new GitFailure("cannot work out the merge of " + source + " into " + target, e);
        }
    }

    /**
     * The head to merge into. With a remote it is the remote's: a local target that is behind is brought
     * along, one that has commits of its own is refused (they would be published without anyone asking).
     */
    private static ObjectId targetOf(GitRepo repo, String target, ObjectId targetLocal) {
        if (repo.isCheckedOut(target) && repo.hasUncommittedChanges()) {
            throw new GitFailure(target + " is checked out in " + repo.worktree()
                    + " with uncommitted changes: the merge would overwrite them");
        }
        ObjectId remote = repo.remoteHead(target);
        if (remote == null) {
            if (targetLocal == null) {
                throw new GitFailure("branch " + target + " does not exist in " + repo.name());
            }
            return targetLocal;
        }
        if (targetLocal != null && !repo.isAncestor(targetLocal, remote)) {
            throw new GitFailure("the local " + target + " of " + repo.name() + " has commits that "
                    + repo.rules.remote() + "/" + target + " does not: publish or drop them before merging into it");
        }
        return remote;
    }

    boolean conflicting() {
        return !conflicts.isEmpty();
    }

    /**
     * Makes the merge: the merge commit (or the fast-forward) becomes the target's head, and with a remote
     * it is pushed there; a refused push puts the local branch back, so the merge is all or nothing.
     *
     * @return the target's new head
     */
    ObjectId apply(GitRepo repo, PersonIdent agent, String message) {
        if (alreadyMerged || conflicting()) {
            throw new IllegalStateException("nothing to apply: " + this);
        }
        ObjectId head = fastForward ? sourceHead : mergeCommit(repo, agent, message);
        String why = (fastForward ? "fast-forward " : "merge ") + source + " into " + target;
        repo.moveBranch(target, targetLocal, head, why);
        if (repo.hasRemote()) {
            try {
                repo.push(head, target);
            } catch (GitFailure refused) {
                if (targetLocal == null) {
                    deleteBranch(repo);
                } else {
                    repo.moveBranch(target, head, targetLocal, "undo " + why + ": the push was refused");
                }
                throw new GitFailure(refused.getMessage() + "; the merge was undone");
            }
        }
        return head;
    }

    private ObjectId mergeCommit(GitRepo repo, PersonIdent agent, String message) {
        try (ObjectInserter inserter = repo.repo.newObjectInserter()) {
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(mergedTree);
            commit.setParentIds(targetHead, sourceHead);
            commit.setAuthor(agent);
            commit.setCommitter(agent);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        } catch (IOException e) {
            throw new GitFailure("cannot write the merge commit of " + source + " into " + target, e);
        }
    }

    private void deleteBranch(GitRepo repo) {
        try {
            repo.git.branchDelete().setBranchNames(target).setForce(true).call();
        } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
            throw new GitFailure("cannot remove the local " + target + " after a refused push", e);
        }
    }
}
