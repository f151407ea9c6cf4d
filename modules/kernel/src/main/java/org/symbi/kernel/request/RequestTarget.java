package org.symbi.kernel.request;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The git working tree a request is about, and how its work is checked.
 *
 * @param worktree    the working tree's directory, where agents write, test and commit
 * @param name        the repository's name, as warrants and repository rules know it
 * @param base        the branch the work starts from and merges into
 * @param testCommand the test command for this request, or null for the one configured for the repository
 * @param artifact    what a deployment deploys, relative to the working tree, or null
 */
public record RequestTarget(Path worktree, String name, String base, String testCommand, String artifact) {

    public RequestTarget {
        if (worktree == null) {
            throw new IllegalArgumentException("a request needs the git working tree it is about");
        }
        worktree = worktree.toAbsolutePath().normalize();
        if (name == null || name.isBlank()) {
            name = worktree.getFileName() == null ? "repository" : worktree.getFileName().toString();
        }
        if (base == null || base.isBlank()) {
            throw new IllegalArgumentException("a request needs the branch its work starts from");
        }
        testCommand = blankToNull(testCommand);
        artifact = blankToNull(artifact);
    }

    /**
     * The target for a working tree as it is now: named after its directory, based on the branch checked out.
     *
     * @throws IllegalArgumentException when the directory is missing or not a git working tree
     */
    public static RequestTarget of(Path worktree, String testCommand) {
        Path dir = worktree.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no such directory: " + dir);
        }
        return new RequestTarget(dir, null, checkedOutBranch(dir), testCommand, null);
    }

    /** The branch HEAD names, read from the repository's own files; a detached HEAD is refused. */
    static String checkedOutBranch(Path dir) {
        Path git = dir.resolve(".git");
        try {
            if (Files.isRegularFile(git)) {
                // a linked worktree: ".git" names the directory that holds its HEAD
                String pointer = Files.readString(git).strip();
                if (!pointer.startsWith("gitdir:")) {
                    throw new IllegalArgumentException(dir + " has a .git file that names no git directory");
                }
                git = dir.resolve(pointer.substring("gitdir:".length()).strip());
            } else if (!Files.isDirectory(git)) {
                throw new IllegalArgumentException(dir + " is not a git working tree (it has no .git)");
            }
            String head = Files.readString(git.resolve("HEAD")).strip();
            if (!head.startsWith("ref: refs/heads/")) {
                throw new IllegalArgumentException(dir + " has no branch checked out (detached HEAD): check out the "
                        + "branch the work should start from");
            }
            return head.substring("ref: refs/heads/".length());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the git repository in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
