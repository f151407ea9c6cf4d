package org.symbi.store.powerloss;

import org.h2.store.fs.FilePath;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A power-loss file system for H2: {@code jdbc:h2:volatile:/dir/base} stores the database in the real file
 * {@code /dir/base.mv.db}, but every write stays in this JVM's memory until H2 forces the file. Kill the JVM
 * (SIGKILL) and all unforced writes are gone, as after a power cut; reopen the real file with {@code file:}
 * to see what survived.
 */
public final class VolatileFileSystem {
    /** The H2 location prefix for files on this file system. */
    public static final String PREFIX = VolatileFilePath.SCHEME + ":";

    private static final Map<String, PageCache> CACHES = new ConcurrentHashMap<>();
    private static final AtomicLong FORCES = new AtomicLong();

    private VolatileFileSystem() {
    }

    /** Makes the {@code volatile:} scheme known to H2 in this JVM. Idempotent. */
    public static void register() {
        FilePath.register(new VolatileFilePath());
    }

    /** How many times H2 has forced a file on this file system in this JVM. */
    public static long forceCount() {
        return FORCES.get();
    }

    static void countForce() {
        FORCES.incrementAndGet();
    }

    static PageCache cacheOf(String file, long realSize) {
        return CACHES.computeIfAbsent(file, f -> new PageCache(realSize));
    }

    static PageCache cacheIfAny(String file) {
        return CACHES.get(file);
    }

    static void drop(String file) {
        CACHES.remove(file);
    }

    static void move(String from, String to) {
        PageCache cache = CACHES.remove(from);
        if (cache != null) {
            CACHES.put(to, cache);
        } else {
            CACHES.remove(to);
        }
    }
}
