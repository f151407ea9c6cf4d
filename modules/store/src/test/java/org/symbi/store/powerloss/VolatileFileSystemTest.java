package org.symbi.store.powerloss;

import org.h2.store.fs.FilePath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class VolatileFileSystemTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void register() {
        VolatileFileSystem.register();
    }

    @Test
    void writesReachTheRealFileOnlyWhenForced() throws IOException {
        Path file = dir.resolve("data.bin");
        long forcesBefore = VolatileFileSystem.forceCount();
        try (FileChannel channel = open(file)) {
            write(channel, 10_000, "hello");

            assertThat(channel.size()).isEqualTo(10_005);
            assertThat(read(channel, 10_000, 5)).isEqualTo("hello");
            assertThat(Files.size(file)).as("nothing on disk before force").isZero();

            channel.force(true);

            assertThat(Files.size(file)).isEqualTo(10_005);
            assertThat(Files.readAllBytes(file)).startsWith(new byte[10_000]);
            assertThat(VolatileFileSystem.forceCount()).isEqualTo(forcesBefore + 1);
        }
    }

    @Test
    void unforcedWritesOverlayTheRealFileAndOutliveTheChannel() throws IOException {
        Path file = dir.resolve("data.bin");
        Files.writeString(file, "abcdefghij");
        try (FileChannel channel = open(file)) {
            write(channel, 2, "XY");
        }
        try (FileChannel again = open(file)) {
            assertThat(read(again, 0, 10)).isEqualTo("abXYefghij");
        }
        assertThat(Files.readString(file)).isEqualTo("abcdefghij");
        assertThat(FilePath.get(VolatileFileSystem.PREFIX + file).size()).isEqualTo(10);
    }

    @Test
    void truncateHidesTheCutBytesEvenBeforeTheRealFileShrinks() throws IOException {
        Path file = dir.resolve("data.bin");
        Files.writeString(file, "abcdefghij");
        try (FileChannel channel = open(file)) {
            channel.truncate(4);
            write(channel, 6, "Z");

            assertThat(channel.size()).isEqualTo(7);
            assertThat(read(channel, 0, 7)).isEqualTo("abcd\0\0Z");
            assertThat(Files.readString(file)).isEqualTo("abcdefghij");

            channel.force(false);

            assertThat(Files.readString(file)).isEqualTo("abcd\0\0Z");
        }
    }

    @Test
    void locksAreTheRealFileLocks() throws IOException {
        Path file = dir.resolve("data.bin");
        try (FileChannel channel = open(file); var lock = channel.tryLock()) {
            assertThat(lock).isNotNull();
            assertThat(lock.isValid()).isTrue();
            assertThat(lock.channel()).isNotSameAs(channel);
        }
    }

    private static FileChannel open(Path file) throws IOException {
        return FilePath.get(VolatileFileSystem.PREFIX + file).open("rw");
    }

    private static void write(FileChannel channel, long position, String text) throws IOException {
        channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)), position);
    }

    private static String read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        channel.read(buffer, position);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1);
    }
}
