package org.symbi.agents.cli;

import org.eclipse.jgit.api.CloneCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.util.FileUtils;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The git checkout a task works in: a fresh clone of the repository on a branch of the task's own, or a
 * checkout the task names. After the tool has run, what it changed is staged (as {@code git add -A} would),
 * shown as a unified diff against HEAD, and committed with the agent as author.
 */
final class TaskCheckout implements AutoCloseable {
    /** What the tool changed, committed. */
    record Change(String commit, List<String> files, String diff) {
    }

    private final Git git;

    private TaskCheckout(Git git) {
        this.git = git;
    }

    /**
     * Clones {@code repository} into {@code folder} (replacing what an earlier attempt left there) and checks
     * out a new branch {@code branch}, from {@code base} or the repository's default branch.
     */
    static TaskCheckout cloneFor(String repository, Path folder, String branch, String base) throws IOException {
        if (Files.exists(folder)) {
            FileUtils.delete(folder.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY);
        }
        Files.createDirectories(folder.getParent());
        try {
            CloneCommand clone = Git.cloneRepository().setURI(repository).setDirectory(folder.toFile());
            if (base != null) {
                clone.setBranch(base);
            }
            Git git = clone.call();
            git.checkout().setCreateBranch(true).setName(branch).call();
            return new TaskCheckout(git);
        } catch (GitAPIException e) {
            throw new IOException("cannot clone " + repository + " into " + folder + ": " + e.getMessage(), e);
        }
    }

    /** A checkout that already exists, e.g. one the git agent made for the task; it stays on its branch. */
    static TaskCheckout open(Path worktree) throws IOException {
        Repository repo = new FileRepositoryBuilder().findGitDir(worktree.toFile()).setMustExist(true).build();
        if (repo.isBare() || !repo.getWorkTree().toPath().toRealPath().equals(worktree.toRealPath())) {
            repo.close();
            throw new IOException(worktree + " is not the top of a git checkout");
        }
        return new TaskCheckout(new Git(repo));
    }

    Path folder() {
        return git.getRepository().getWorkTree().toPath();
    }

    String branch() throws IOException {
        return git.getRepository().getBranch();
    }

    /**
     * Stages every change in the checkout, new and deleted files included (ignored ones left out), and
     * commits it; empty when the tool changed nothing.
     */
    Optional<Change> commit(String message, PersonIdent author) throws IOException {
        Repository repo = git.getRepository();
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            ObjectId head = repo.resolve("HEAD^{tree}");
            ByteArrayOutputStream diff = new ByteArrayOutputStream();
            List<DiffEntry> entries;
            try (ObjectReader reader = repo.newObjectReader(); DiffFormatter f = new DiffFormatter(diff)) {
                f.setRepository(repo);
                AbstractTreeIterator before = head == null ? new EmptyTreeIterator() : new CanonicalTreeParser(null, reader, head);
                entries = f.scan(before, new DirCacheIterator(repo.readDirCache()));
                f.format(entries);
            }
            if (entries.isEmpty()) {
                return Optional.empty();
            }
            RevCommit commit = git.commit().setMessage(message).setAuthor(author).setCommitter(author).call();
            List<String> files = entries.stream()
                    .map(e -> e.getChangeType() == DiffEntry.ChangeType.DELETE ? e.getOldPath() : e.getNewPath()).toList();
            return Optional.of(new Change(commit.getName(), files, diff.toString(StandardCharsets.UTF_8)));
        } catch (GitAPIException e) {
            throw new IOException("cannot commit in " + folder() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
