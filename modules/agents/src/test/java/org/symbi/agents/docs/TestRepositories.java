package org.symbi.agents.docs;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;

import java.io.IOException;

final class TestRepositories {
    private TestRepositories() {
    }

    /** JGit may collect garbage in the background after a commit; in a test that outlives the directory. */
    static void noBackgroundGc(Git git) throws IOException {
        StoredConfig config = git.getRepository().getConfig();
        config.setInt("gc", null, "auto", 0);
        config.save();
    }
}
