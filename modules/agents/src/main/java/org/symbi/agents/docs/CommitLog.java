package org.symbi.agents.docs;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The commits a release note is about: those reachable from HEAD but not from a base, which is a ref or
 * commit the task names or else the newest tag behind HEAD (all history when there is none). Merge commits
 * and the agent's own commits say nothing new and are left out.
 */
final class CommitLog {
    private CommitLog() {
    }

    record Commit(String id, String subject) {
    }

    /** @param base what the commits are counted from (a tag or ref name), or null for all of history */
    record Range(String base, List<Commit> commits) {
    }

    /** @param ownEmail the agent's author address: its commits are left out */
    static Range since(Repository repo, String baseRef, String ownEmail) throws IOException {
        ObjectId head = repo.resolve(Constants.HEAD);
        if (head == null) {
            throw new IllegalArgumentException("the repository has no commits yet");
        }
        ObjectId base = null;
        String baseName = baseRef;
        if (baseRef != null) {
            base = repo.resolve(baseRef);
            if (base == null) {
                throw new IllegalArgumentException("the repository has no ref or commit '" + baseRef + "'");
            }
        } else {
            Map<ObjectId, String> tags = tagsByCommit(repo);
            try (RevWalk walk = newestFirst(repo)) {
                walk.markStart(walk.parseCommit(head));
                for (RevCommit c : walk) {
                    if (tags.containsKey(c)) {
                        base = c;
                        baseName = tags.get(c);
                        break;
                    }
                }
            }
        }
        List<Commit> commits = new ArrayList<>();
        try (RevWalk walk = newestFirst(repo)) {
            walk.markStart(walk.parseCommit(head));
            if (base != null) {
                walk.markUninteresting(walk.parseCommit(base));
            }
            for (RevCommit c : walk) {
                if (c.getParentCount() <= 1 && !c.getAuthorIdent().getEmailAddress().equalsIgnoreCase(ownEmail)) {
                    commits.add(new Commit(c.name(), c.getShortMessage()));
                }
            }
        }
        return new Range(baseName, commits);
    }

    private static RevWalk newestFirst(Repository repo) {
        RevWalk walk = new RevWalk(repo);
        walk.sort(RevSort.TOPO);
        walk.sort(RevSort.COMMIT_TIME_DESC, true);
        return walk;
    }

    /** Each tagged commit with one of its tags' short names (annotated tags peeled to their commit). */
    private static Map<ObjectId, String> tagsByCommit(Repository repo) throws IOException {
        Map<ObjectId, String> tags = new HashMap<>();
        for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
            Ref peeled = repo.getRefDatabase().peel(ref);
            ObjectId target = peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : ref.getObjectId();
            tags.merge(target.copy(), Repository.shortenRefName(ref.getName()),
                    (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        return tags;
    }
}
