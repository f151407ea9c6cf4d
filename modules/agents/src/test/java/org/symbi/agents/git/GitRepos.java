package org.symbi.agents.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.URIish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Repositories for the git agent's tests: a bare "remote", a person's working repository ("project", with
 * a first commit on main, origin = the remote) and a second clone standing for someone else's pushes.
 */
final class GitRepos {
    static final PersonIdent PERSON = new PersonIdent("Ada Person", "ada@example.org");

    final Path remote;
    final Path work;
    private final Path tmp;

    GitRepos(Path tmp) throws Exception {
        this.tmp = tmp;
        remote = tmp.resolve("remote.git");
        work = tmp.resolve("project");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
        try (Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
            Files.writeString(work.resolve("README.md"), "# Project\n\nA small project.\n");
            git.add().addFilepattern(".").call();
            git.commit().setAuthor(PERSON).setCommitter(PERSON).setMessage("First commit").setSign(false).call();
            git.remoteAdd().setName("origin").setUri(new URIish(remote.toUri().toString())).call();
            git.push().setRemote("origin").add("main").call();
        }
    }

    void write(String path, String content) throws IOException {
        Files.writeString(work.resolve(path), content);
    }

    /** Someone else changes a file on main and pushes it to the remote. */
    ObjectId pushToMainAsSomeoneElse(String path, String content) throws Exception {
        Path other = tmp.resolve("other-" + System.nanoTime());
        try (Git git = Git.cloneRepository().setURI(remote.toUri().toString()).setDirectory(other.toFile()).call()) {
            Files.writeString(other.resolve(path), content);
            git.add().addFilepattern(".").call();
            RevCommit c = git.commit().setAuthor(PERSON).setCommitter(PERSON).setMessage("Change " + path)
                    .setSign(false).call();
            git.push().setRemote("origin").add("main").call();
            return c.getId();
        }
    }

    ObjectId remoteHead(String branch) throws IOException {
        try (Git git = Git.open(remote.toFile())) {
            return git.getRepository().resolve("refs/heads/" + branch);
        }
    }

    ObjectId workHead(String branch) throws IOException {
        try (Git git = Git.open(work.toFile())) {
            return git.getRepository().resolve("refs/heads/" + branch);
        }
    }

    String workBranch() throws IOException {
        try (Git git = Git.open(work.toFile())) {
            return git.getRepository().getBranch();
        }
    }

    boolean workIsClean() throws Exception {
        try (Git git = Git.open(work.toFile())) {
            return git.status().call().isClean();
        }
    }

    RevCommit commitInRemote(ObjectId id) throws IOException {
        try (Git git = Git.open(remote.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            return walk.parseCommit(id);
        }
    }

    RevCommit commitInWork(ObjectId id) throws IOException {
        try (Git git = Git.open(work.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            return walk.parseCommit(id);
        }
    }
}
