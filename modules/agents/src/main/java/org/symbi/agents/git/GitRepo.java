package org.symbi.agents.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.CheckoutConflictException;
import org.eclipse.jgit.api.errors.EmptyCommitException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.URIish;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One repository the agent works in, opened for one step of a task: its working tree and its rules. Every
 * failure comes out as a {@link GitFailure} that says what could not be done.
 */
final class GitRepo implements AutoCloseable {
    final RepositoryRules rules;
    final Git git;
    final Repository repo;

    private GitRepo(Git git, RepositoryRules rules) {
        this.git = git;
        this.repo = git.getRepository();
        this.rules = rules;
    }

    /**
     * Opens a working tree in place (a linked worktree too, whose {@code .git} is a file), or clones a URL
     * (or a bare repository's path) into the workspace and opens that clone; a clone made before is opened
     * again.
     *
     * @param name the repository's name, or null for the last part of its location
     */
    static GitRepo open(String location, String name, GitAgentConfig config) {
        Path local = localPath(location);
        try {
            if (local != null && Files.exists(local.resolve(Constants.DOT_GIT))) {
                return configured(Git.open(local.toFile()), name != null ? name : local.getFileName().toString(),
                        config);
            }
            String repoName = name != null ? name : nameOf(location);
            Path clone = config.workspace().resolve(repoName);
            if (Files.exists(clone.resolve(Constants.DOT_GIT))) {
                return configured(Git.open(clone.toFile()), repoName, config);
            }
            Files.createDirectories(config.workspace());
            Git cloned = Git.cloneRepository().setURI(location).setDirectory(clone.toFile()).call();
            return configured(cloned, repoName, config);
        } catch (IOException | GitAPIException e) {
            throw new GitFailure("cannot open or clone " + location, e);
        }
    }

    private static GitRepo configured(Git git, String name, GitAgentConfig config) throws IOException {
        GitRepo r = new GitRepo(git, config.rulesFor(name));
        if (r.rules.remote() != null && r.rules.remoteUrl() != null) {
            StoredConfig c = r.repo.getConfig();
            if (!r.rules.remoteUrl().equals(c.getString("remote", r.rules.remote(), "url"))) {
                c.setString("remote", r.rules.remote(), "url", r.rules.remoteUrl());
                c.setString("remote", r.rules.remote(), "fetch",
                        "+refs/heads/*:refs/remotes/" + r.rules.remote() + "/*");
                c.save();
            }
        }
        return r;
    }

    private static Path localPath(String location) {
        try {
            return location.contains("://") ? null : Path.of(location);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    private static String nameOf(String location) {
        try {
            String n = new URIish(location).getHumanishName();
            if (n == null || n.isBlank()) {
                throw new GitFailure("cannot tell a repository name from " + location + ": give \"name\"");
            }
            return n;
        } catch (URISyntaxException e) {
            throw new GitFailure("not a repository location: " + location, e);
        }
    }

    Path worktree() {
        return repo.getWorkTree().toPath().toAbsolutePath();
    }

    String name() {
        return rules.name();
    }

    /** The checked-out branch; fails on a detached HEAD, where commits would belong to no branch. */
    String currentBranch() {
        try {
            String full = repo.getFullBranch();
            if (full == null || !full.startsWith(Constants.R_HEADS)) {
                throw new GitFailure(name() + " has no branch checked out (HEAD is detached): name the branch");
            }
            return Repository.shortenRefName(full);
        } catch (IOException e) {
            throw new GitFailure("cannot read HEAD of " + name(), e);
        }
    }

    boolean isCheckedOut(String branch) {
        try {
            return (Constants.R_HEADS + branch).equals(repo.getFullBranch());
        } catch (IOException e) {
            throw new GitFailure("cannot read HEAD of " + name(), e);
        }
    }

    /** A local branch's head, or null. */
    ObjectId local(String branch) {
        return resolve(Constants.R_HEADS + branch);
    }

    /** The remote's head of a branch as last fetched, or null (also when the rules name no remote). */
    ObjectId remoteHead(String branch) {
        return hasRemote() ? resolve(Constants.R_REMOTES + rules.remote() + "/" + branch) : null;
    }

    private ObjectId resolve(String ref) {
        try {
            return repo.resolve(ref + "^{commit}");
        } catch (IOException e) {
            throw new GitFailure("cannot read " + ref + " in " + name(), e);
        }
    }

    boolean hasRemote() {
        return rules.remote() != null && repo.getConfig().getSubsections("remote").contains(rules.remote());
    }

    /** Brings the remote's branches up to date, when there is a remote. */
    void fetch() {
        if (!hasRemote()) {
            return;
        }
        try {
            git.fetch().setRemote(rules.remote()).call();
        } catch (GitAPIException e) {
            throw new GitFailure("cannot fetch " + rules.remote() + " of " + name(), e);
        }
    }

    /** The newer of the local branch and the remote's: where new work on it starts. */
    ObjectId newest(String branch) {
        ObjectId mine = local(branch);
        ObjectId theirs = remoteHead(branch);
        if (mine == null || theirs == null) {
            return mine != null ? mine : theirs;
        }
        return isAncestor(mine, theirs) ? theirs : mine;
    }

    boolean isAncestor(ObjectId older, ObjectId newer) {
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.isMergedInto(walk.parseCommit(older), walk.parseCommit(newer));
        } catch (IOException e) {
            throw new GitFailure("cannot walk the history of " + name(), e);
        }
    }

    /** Checks a branch out, creating it at {@code start} if it does not exist. */
    void checkout(String branch, ObjectId start) {
        try {
            git.checkout().setName(branch).setCreateBranch(start != null).setStartPoint(start == null ? null
                    : start.name()).call();
        } catch (CheckoutConflictException e) {
            throw new GitFailure("cannot switch " + name() + " to " + branch + ": uncommitted changes in "
                    + e.getConflictingPaths() + " would be overwritten");
        } catch (GitAPIException e) {
            throw new GitFailure("cannot switch " + name() + " to " + branch, e);
        }
    }

    /** Stages the paths (new, changed and deleted files; everything when none) and commits them. */
    RevCommit commit(List<String> paths, String message, PersonIdent author) {
        try {
            for (String p : paths.isEmpty() ? List.of(".") : paths) {
                git.add().addFilepattern(p).call();
                git.add().setUpdate(true).addFilepattern(p).call();
            }
            return git.commit().setAuthor(author).setCommitter(author).setMessage(message).setAllowEmpty(false)
                    .setSign(false).call();
        } catch (EmptyCommitException e) {
            throw new GitFailure("nothing to commit on " + currentBranch() + " of " + name()
                    + (paths.isEmpty() ? "" : " in " + paths));
        } catch (GitAPIException e) {
            throw new GitFailure("cannot commit on " + currentBranch() + " of " + name(), e);
        }
    }

    /** Whether the working tree or index holds changes to tracked files (untracked files do not count). */
    boolean hasUncommittedChanges() {
        try {
            return git.status().call().hasUncommittedChanges();
        } catch (GitAPIException e) {
            throw new GitFailure("cannot read the status of " + name(), e);
        }
    }

    /** The last common commit of two, or null for unrelated histories. */
    RevCommit mergeBase(ObjectId a, ObjectId b) {
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(a));
            walk.markStart(walk.parseCommit(b));
            return walk.next();
        } catch (IOException e) {
            throw new GitFailure("cannot find where the branches of " + name() + " meet", e);
        }
    }

    RevCommit commitAt(ObjectId id) {
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.parseCommit(id);
        } catch (IOException e) {
            throw new GitFailure("cannot read commit " + id.name() + " of " + name(), e);
        }
    }

    /** The files that differ between two commits (renames detected); {@code from} null: everything in {@code to}. */
    List<DiffEntry> changes(RevCommit from, RevCommit to) {
        try (DiffFormatter df = new DiffFormatter(java.io.OutputStream.nullOutputStream())) {
            df.setRepository(repo);
            df.setDetectRenames(true);
            return df.scan(from == null ? null : from.getTree(), to.getTree());
        } catch (IOException e) {
            throw new GitFailure("cannot compare commits of " + name(), e);
        }
    }

    /** The unified diff of the changes, with three lines of context. */
    String unifiedDiff(List<DiffEntry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter df = new DiffFormatter(out)) {
            df.setRepository(repo);
            df.format(entries);
        } catch (IOException e) {
            throw new GitFailure("cannot write the diff of " + name(), e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Points a local branch at a commit; when it is checked out, the (clean) working tree follows. */
    void moveBranch(String branch, ObjectId from, ObjectId to, String why) {
        try {
            var update = repo.updateRef(Constants.R_HEADS + branch);
            update.setExpectedOldObjectId(from == null ? ObjectId.zeroId() : from);
            update.setNewObjectId(to);
            update.setForceUpdate(true);
            update.setRefLogMessage(why, false);
            var result = update.update();
            switch (result) {
                case NEW, FAST_FORWARD, FORCED, NO_CHANGE -> { }
                default -> throw new GitFailure("cannot move " + branch + " of " + name() + " to "
                        + to.name() + ": " + result);
            }
            if (isCheckedOut(branch)) {
                git.reset().setMode(ResetCommand.ResetType.HARD).setRef(to.name()).call();
            }
        } catch (IOException | GitAPIException e) {
            throw new GitFailure("cannot move " + branch + " of " + name() + " to " + to.name(), e);
        }
    }

    /**
     * Pushes exactly one commit to a branch of the remote; never forced.
     *
     * @return what the remote answered, when it took the commit
     * @throws GitFailure when the remote refused it (e.g. the branch moved on there)
     */
    String push(ObjectId commit, String remoteBranch) {
        return push(commit.name(), new RefSpec(commit.name() + ":" + Constants.R_HEADS + remoteBranch), remoteBranch);
    }

    /**
     * Pushes a local tag, the tag object itself, to the tag of the same name on the remote; never forced, so
     * a remote tag pointing elsewhere stays as it is and the push fails.
     */
    String pushTag(String tag) {
        String ref = Constants.R_TAGS + tag;
        return push("tag " + tag, new RefSpec(ref + ":" + ref), ref);
    }

    private String push(String what, RefSpec spec, String where) {
        if (rules.remote() == null) {
            throw new GitFailure("the rules of " + name() + " name no remote: nothing is pushed");
        }
        if (!hasRemote()) {
            throw new GitFailure(name() + " has no remote \"" + rules.remote() + "\"");
        }
        List<String> refused = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        try {
            Iterable<PushResult> results = git.push().setRemote(rules.remote()).setRefSpecs(spec).call();
            for (PushResult r : results) {
                for (RemoteRefUpdate u : r.getRemoteUpdates()) {
                    switch (u.getStatus()) {
                        case OK, UP_TO_DATE -> taken.add(u.getStatus().name().toLowerCase(java.util.Locale.ROOT));
                        default -> refused.add(u.getStatus()
                                + (u.getMessage() == null ? "" : " (" + u.getMessage() + ")"));
                    }
                }
            }
        } catch (GitAPIException e) {
            throw new GitFailure("cannot push to " + where + " of " + rules.remote(), e);
        }
        if (!refused.isEmpty() || taken.isEmpty()) {
            throw new GitFailure(rules.remote() + " refused " + what + " for " + where + ": "
                    + (refused.isEmpty() ? "no answer" : String.join(", ", refused)));
        }
        return taken.getFirst();
    }

    /**
     * The commit a ref names: a branch (the newer of the local one and the remote's), else a tag or a commit
     * id; null when it names none.
     */
    ObjectId commitOf(String ref) {
        try {
            ObjectId branch = newest(ref);
            return branch != null ? branch : repo.resolve(ref + "^{commit}");
        } catch (RevisionSyntaxException e) {
            throw new GitFailure("\"" + ref + "\" names no branch or commit of " + name());
        } catch (IOException e) {
            throw new GitFailure("cannot read " + ref + " in " + name(), e);
        }
    }

    /** The commit a local tag points at, or null when there is no such tag. */
    ObjectId tagged(String tag) {
        return resolve(Constants.R_TAGS + tag);
    }

    /** Creates an annotated tag of a commit with the agent as tagger; never signed with anyone's key. */
    void tag(String tag, ObjectId commit, String message, PersonIdent tagger) {
        try (RevWalk walk = new RevWalk(repo)) {
            git.tag().setName(tag).setObjectId(walk.parseCommit(commit)).setAnnotated(true).setMessage(message)
                    .setTagger(tagger).setSigned(false).call();
        } catch (IOException | GitAPIException e) {
            throw new GitFailure("cannot create tag " + tag + " in " + name(), e);
        }
    }

    /**
     * Where the remote's tag points, asked of the remote now: the commit (or, when the remote does not peel
     * the tag and it is not known here, the tag's own object); null when the remote has no such tag.
     */
    ObjectId remoteTag(String tag) {
        Ref ref;
        try {
            ref = git.lsRemote().setRemote(rules.remote()).setTags(true).callAsMap().get(Constants.R_TAGS + tag);
        } catch (GitAPIException e) {
            throw new GitFailure("cannot list the tags of " + rules.remote() + " of " + name(), e);
        }
        if (ref == null) {
            return null;
        }
        if (ref.getPeeledObjectId() != null) {
            return ref.getPeeledObjectId();
        }
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.peel(walk.parseAny(ref.getObjectId())).getId();
        } catch (MissingObjectException e) {
            return ref.getObjectId();
        } catch (IOException e) {
            throw new GitFailure("cannot read tag " + tag + " of " + rules.remote(), e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
