package org.symbi.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * The data directory: the H2 database, keys and checkpoints of one room. Created owner-only.
 */
public record DataDir(Path root) {

    public DataDir {
        root = root.toAbsolutePath().normalize();
    }

    /** The platform's usual place for application data, under the user's home. */
    public static Path defaultLocation() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String appData = System.getenv("LOCALAPPDATA");
            return (appData != null ? Path.of(appData) : home.resolve("AppData").resolve("Local")).resolve("SYMBI");
        }
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("SYMBI");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share")).resolve("symbi");
    }

    /** Creates the directory if needed, readable by its owner only where the file system allows it. */
    public DataDir ensureExists() throws IOException {
        if (!Files.isDirectory(root)) {
            Files.createDirectories(root);
            try {
                Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the user's profile folder is already private to the user.
            }
        }
        if (!Files.isWritable(root)) {
            throw new IOException("data directory is not writable: " + root);
        }
        return this;
    }

    /** The H2 database file's base name (H2 appends {@code .mv.db}). */
    public Path databaseBase() {
        return root.resolve("symbi");
    }

    public Path resolve(String name) {
        return root.resolve(name);
    }
}
