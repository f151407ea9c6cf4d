package org.symbi.kernel.supervisor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An agent's output file, {@code NAME.log}, rotated to {@code NAME.log.1 … .N} when it reaches its size
 * limit, so that a chatty agent cannot fill the disk.
 */
final class RotatingLog implements AutoCloseable {
    private final Path file;
    private final long maxBytes;
    private final int keep;
    private OutputStream out;
    private long size;

    RotatingLog(Path file, long maxBytes, int keep) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
        try {
            Files.createDirectories(file.getParent());
            open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the agent log " + file, e);
        }
    }

    private void open() throws IOException {
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
    }

    /** Copies a process's output here until it ends; returns quietly when the process is gone. */
    void pump(InputStream in) {
        byte[] buf = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                write(buf, n);
            }
        } catch (IOException processGone) {
            // The stream closes under us when the process is killed; nothing more to copy.
        }
    }

    /** A line of the room's own, such as where one run of the agent starts. */
    void note(String line) {
        byte[] bytes = (line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
        try {
            write(bytes, bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the agent log " + file, e);
        }
    }

    private synchronized void write(byte[] buf, int n) throws IOException {
        if (size > 0 && size + n > maxBytes) {
            rotate();
        }
        out.write(buf, 0, n);
        out.flush();
        size += n;
    }

    private void rotate() throws IOException {
        out.close();
        Files.deleteIfExists(numbered(keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(numbered(i))) {
                Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (keep > 0) {
            Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(file);
        }
        open();
    }

    private Path numbered(int i) {
        return file.resolveSibling(file.getFileName() + "." + i);
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the agent log " + file, e);
        }
    }
}
