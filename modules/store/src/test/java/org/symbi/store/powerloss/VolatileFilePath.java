package org.symbi.store.powerloss;

import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;

/** H2 paths under {@code volatile:}: real files reached through {@link VolatileFileChannel}. */
public final class VolatileFilePath extends FilePathWrapper {
    static final String SCHEME = "volatile";

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        FileChannel real = getBase().open(mode);
        return new VolatileFileChannel(real, VolatileFileSystem.cacheOf(key(), real.size()));
    }

    @Override
    public long size() {
        PageCache cache = VolatileFileSystem.cacheIfAny(key());
        return cache != null ? cache.size() : getBase().size();
    }

    @Override
    public void delete() {
        VolatileFileSystem.drop(key());
        getBase().delete();
    }

    @Override
    public void moveTo(FilePath newName, boolean atomicReplace) {
        VolatileFileSystem.move(key(), ((VolatileFilePath) newName).key());
        super.moveTo(newName, atomicReplace);
    }

    // Streams go through the channel too, so that nothing reaches the disk around the cache.
    @Override
    public InputStream newInputStream() throws IOException {
        return Channels.newInputStream(open("r"));
    }

    @Override
    public OutputStream newOutputStream(boolean append) throws IOException {
        return newFileChannelOutputStream(open("rw"), append);
    }

    private String key() {
        return getBase().toRealPath().toString();
    }
}
