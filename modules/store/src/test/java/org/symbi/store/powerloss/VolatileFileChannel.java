package org.symbi.store.powerloss;

import org.h2.store.fs.FileBaseDefault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;

/** A channel whose writes stay in the file's {@link PageCache} until {@link #force}; locks are the real file's. */
final class VolatileFileChannel extends FileBaseDefault {
    private final FileChannel real;
    private final PageCache cache;

    VolatileFileChannel(FileChannel real, PageCache cache) {
        this.real = real;
        this.cache = cache;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return cache.read(real, dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        return cache.write(real, src, position);
    }

    @Override
    public long size() {
        return cache.size();
    }

    @Override
    protected void implTruncate(long newSize) {
        cache.truncate(newSize);
    }

    @Override
    public void force(boolean metaData) throws IOException {
        cache.force(real);
        VolatileFileSystem.countForce();
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return real.tryLock(position, size, shared);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return real.lock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        // Closing does not flush: like the OS, the cache keeps the pages for the next opener.
        real.close();
    }

    @Override
    public String toString() {
        return "volatile:" + real;
    }
}
