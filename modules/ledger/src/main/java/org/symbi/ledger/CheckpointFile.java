package org.symbi.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The last checkpoint, kept as a file beside the database so that a database rolled back or cut short no
 * longer matches it. Replaced atomically, and only after the database has synced the entries it covers, so a
 * crash never leaves the file ahead of the database.
 */
final class CheckpointFile {
    private final Path file;
    private long filedSize = -1;

    CheckpointFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** The note text, or null when there is no file yet. */
    String read() {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new LedgerException("cannot read the checkpoint file: " + e.getMessage(), e);
        }
    }

    /** Files the checkpoint unless a larger one is already filed (checkpoints may finish syncing out of order). */
    synchronized void write(SignedCheckpoint checkpoint) {
        if (checkpoint.treeSize() <= filedSize) {
            return;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap(checkpoint.note().getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            filedSize = checkpoint.treeSize();
        } catch (IOException e) {
            throw new LedgerException("cannot write the checkpoint file: " + e.getMessage(), e);
        }
    }
}
