package org.symbi.agents.diff;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A git repository in a temporary directory, for tests: write files, stage them, commit. */
public final class TempRepo implements AutoCloseable {
    private static final PersonIdent AUTHOR = new PersonIdent("Test", "test@example.org");

    private final Git git;
    private final Path dir;

    private TempRepo(Git git, Path dir) {
        this.git = git;
        this.dir = dir;
    }

    public static TempRepo init(Path dir) throws GitAPIException {
        return new TempRepo(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(), dir);
    }

    public Path dir() {
        return dir;
    }

    public Repository repository() {
        return git.getRepository();
    }

    public Git git() {
        return git;
    }

    public TempRepo write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return this;
    }

    public String read(String path) throws IOException {
        return Files.readString(dir.resolve(path), StandardCharsets.UTF_8);
    }

    /** Stages every change, deletions included. */
    public TempRepo stageAll() throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        return this;
    }

    /** Stages everything and commits it. */
    public String commit(String message) throws GitAPIException {
        stageAll();
        return git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call().getName();
    }

    @Override
    public void close() {
        git.close();
    }
}
