package org.symbi.app.cli;

import org.symbi.kernel.Kernel;
import org.symbi.kernel.KernelConfig;
import org.symbi.store.DataDir;
import org.symbi.store.Database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;

/** A data directory opened by the command line itself because no room runs on it: no ticker, no gateway. */
final class LocalRoom {
    interface Work<T> {
        T run(Database db, DataDir dir, Kernel kernel) throws Exception;
    }

    private LocalRoom() {
    }

    static <T> T with(Path data, Work<T> work) throws Exception {
        DataDir dir = new DataDir(data);
        if (!Files.isDirectory(dir.root())) {
            throw new IllegalArgumentException("no data directory at " + dir.root());
        }
        try (Database db = Database.open(dir); Kernel kernel = new Kernel(db, dir, KernelConfig.defaults(), InstantSource.system())) {
            return work.run(db, dir, kernel);
        }
    }
}
