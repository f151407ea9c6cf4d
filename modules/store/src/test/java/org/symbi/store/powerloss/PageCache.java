package org.symbi.store.powerloss;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The unforced writes of one file, kept in memory the way an operating system keeps dirty pages: every
 * channel on the file sees them, and only {@link #force} puts them on the real file. A process killed before
 * that loses them, as a machine does on power loss.
 */
final class PageCache {
    static final int PAGE_SIZE = 4096;

    private final TreeMap<Long, byte[]> dirty = new TreeMap<>();
    private long size;
    /** Real bytes at or beyond this offset were truncated away since the last force and must read as zeros. */
    private long validRealLength = Long.MAX_VALUE;

    PageCache(long realSize) {
        this.size = realSize;
    }

    synchronized long size() {
        return size;
    }

    synchronized int read(FileChannel real, ByteBuffer dst, long position) throws IOException {
        if (position >= size) {
            return -1;
        }
        int length = (int) Math.min(dst.remaining(), size - position);
        int done = 0;
        while (done < length) {
            long at = position + done;
            int offset = (int) (at % PAGE_SIZE);
            int n = Math.min(length - done, PAGE_SIZE - offset);
            dst.put(page(real, at / PAGE_SIZE, false), offset, n);
            done += n;
        }
        return length;
    }

    synchronized int write(FileChannel real, ByteBuffer src, long position) throws IOException {
        int length = src.remaining();
        int done = 0;
        while (done < length) {
            long at = position + done;
            int offset = (int) (at % PAGE_SIZE);
            int n = Math.min(length - done, PAGE_SIZE - offset);
            src.get(page(real, at / PAGE_SIZE, true), offset, n);
            done += n;
        }
        size = Math.max(size, position + length);
        return length;
    }

    synchronized void truncate(long newSize) {
        if (newSize >= size) {
            return;
        }
        size = newSize;
        validRealLength = Math.min(validRealLength, newSize);
        long lastPage = newSize / PAGE_SIZE;
        dirty.tailMap(newSize % PAGE_SIZE == 0 ? lastPage : lastPage + 1, true).clear();
        byte[] partial = dirty.get(lastPage);
        if (partial != null) {
            Arrays.fill(partial, (int) (newSize % PAGE_SIZE), PAGE_SIZE, (byte) 0);
        }
    }

    /** Writes every dirty page to the real file and forces it, as fsync does. */
    synchronized void force(FileChannel real) throws IOException {
        if (validRealLength < real.size()) {
            real.truncate(validRealLength);
        }
        for (Map.Entry<Long, byte[]> e : dirty.entrySet()) {
            long offset = e.getKey() * PAGE_SIZE;
            int length = (int) Math.min(PAGE_SIZE, size - offset);
            ByteBuffer buffer = ByteBuffer.wrap(e.getValue(), 0, length);
            while (buffer.hasRemaining()) {
                real.write(buffer, offset + buffer.position());
            }
        }
        if (real.size() > size) {
            real.truncate(size);
        }
        real.force(true);
        dirty.clear();
        validRealLength = Long.MAX_VALUE;
    }

    private byte[] page(FileChannel real, long index, boolean forWrite) throws IOException {
        byte[] page = dirty.get(index);
        if (page != null) {
            return page;
        }
        page = new byte[PAGE_SIZE];
        long offset = index * PAGE_SIZE;
        int valid = (int) Math.max(0, Math.min(PAGE_SIZE, Math.min(real.size(), validRealLength) - offset));
        ByteBuffer buffer = ByteBuffer.wrap(page, 0, valid);
        while (buffer.hasRemaining() && real.read(buffer, offset + buffer.position()) >= 0) {
            // a short read only means the rest is not there yet; the loop asks again
        }
        if (forWrite) {
            dirty.put(index, page);
        }
        return page;
    }
}
