package org.symbi.app.cli;

import org.symbi.store.DataDir;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --data DIR} option of every command that works on a room's data directory. */
final class DataDirOption {
    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: ${DEFAULT-VALUE}).")
    Path data = DataDir.defaultLocation();

    Path path() {
        return data;
    }
}
