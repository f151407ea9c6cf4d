package org.symbi.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class DataDirTest {
    @TempDir
    Path tmp;

    @Test
    @EnabledOnOs(OS.LINUX)
    void defaultLocationFollowsXdgOnLinux() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path expectedParent = xdg != null && !xdg.isBlank()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");

        assertThat(DataDir.defaultLocation()).isEqualTo(expectedParent.resolve("symbi"));
    }

    @Test
    @EnabledOnOs(OS.MAC)
    void defaultLocationIsApplicationSupportOnMac() {
        assertThat(DataDir.defaultLocation())
                .isEqualTo(Path.of(System.getProperty("user.home"), "Library", "Application Support", "SYMBI"));
    }

    @Test
    @EnabledOnOs(OS.WINDOWS)
    void defaultLocationIsLocalAppDataOnWindows() {
        assertThat(DataDir.defaultLocation().getFileName()).hasToString("SYMBI");
        assertThat(DataDir.defaultLocation().getParent().getFileName()).hasToString("Local");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void createsTheDirectoryReadableByItsOwnerOnly() throws IOException {
        DataDir dir = new DataDir(tmp.resolve("a").resolve("room")).ensureExists();

        assertThat(dir.root()).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.root()))).isEqualTo("rwx------");
    }

    @Test
    void keepsAnExistingDirectoryAsItIs() throws IOException {
        Path existing = Files.createDirectory(tmp.resolve("room"));
        Files.writeString(existing.resolve("keep"), "x");

        new DataDir(existing).ensureExists();

        assertThat(existing.resolve("keep")).hasContent("x");
    }

    @Test
    void pathsAreAbsoluteAndTheDatabaseLivesInside() {
        DataDir dir = new DataDir(Path.of("relative", "..", "room"));

        assertThat(dir.root()).isAbsolute().isEqualTo(Path.of("room").toAbsolutePath());
        assertThat(dir.databaseBase()).isEqualTo(dir.root().resolve("symbi"));
        assertThat(dir.resolve("keys")).isEqualTo(dir.root().resolve("keys"));
    }
}
