package org.symbi.agents.diff;

import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Unified diffs of a repository, written by JGit's {@link DiffFormatter}. */
public final class Diffs {
    private Diffs() {
    }

    /** What is staged, against {@code HEAD} (against nothing in a repository without commits). */
    public static String staged(Repository repo) throws IOException {
        try (ObjectReader reader = repo.newObjectReader()) {
            return format(repo, tree(repo, reader, "HEAD"), new DirCacheIterator(repo.readDirCache()));
        }
    }

    /** From {@code base} to {@code head}, each a commit, branch or tag. */
    public static String between(Repository repo, String base, String head) throws IOException {
        try (ObjectReader reader = repo.newObjectReader()) {
            AbstractTreeIterator from = tree(repo, reader, base);
            AbstractTreeIterator to = tree(repo, reader, head);
            if (to instanceof EmptyTreeIterator) {
                throw new IllegalArgumentException("no commit '" + head + "' in " + repo.getWorkTree());
            }
            return format(repo, from, to);
        }
    }

    private static String format(Repository repo, AbstractTreeIterator from, AbstractTreeIterator to)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter formatter = new DiffFormatter(out)) {
            formatter.setRepository(repo);
            formatter.format(from, to);
            formatter.flush();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The tree of a revision, or an empty one when the revision does not exist (no commit yet). */
    private static AbstractTreeIterator tree(Repository repo, ObjectReader reader, String revision)
            throws IOException {
        ObjectId tree = repo.resolve(revision + "^{tree}");
        if (tree == null) {
            return new EmptyTreeIterator();
        }
        CanonicalTreeParser parser = new CanonicalTreeParser();
        parser.reset(reader, tree);
        return parser;
    }
}
