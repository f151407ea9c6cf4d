package org.symbi.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The migration scripts on the class path (every module ships its own under one folder), summed up as one
 * digest of their names and contents. Opening a database compares it with the digest stored when Flyway last
 * brought the schema up to date: equal, nothing was added or changed since, and Flyway's own scan and checks
 * (about a tenth of a second of a cold start) are skipped.
 */
final class BundledMigrations {
    private BundledMigrations() {
    }

    /**
     * The digest of the scripts in {@code folder} (for example {@code db/migration}) in every jar and directory
     * of the loader's class path; empty when some entry of the folder is neither, and so cannot be listed.
     */
    static Optional<String> digest(ClassLoader loader, String folder) throws IOException {
        Map<String, byte[]> scripts = new TreeMap<>();
        Enumeration<URL> places = loader.getResources(folder);
        while (places.hasMoreElements()) {
            URL place = places.nextElement();
            switch (place.getProtocol()) {
                case "jar" -> readJar(place, folder, scripts);
                case "file" -> readDirectory(place, scripts);
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(digest(scripts));
    }

    private static void readJar(URL place, String folder, Map<String, byte[]> scripts) throws IOException {
        JarURLConnection connection = (JarURLConnection) place.openConnection();
        connection.setUseCaches(false);
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        try (JarFile jar = connection.getJarFile()) {
            for (JarEntry entry : jar.stream().toList()) {
                String name = entry.getName();
                if (name.startsWith(prefix) && !entry.isDirectory()) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        add(scripts, name.substring(prefix.length()), in.readAllBytes());
                    }
                }
            }
        }
    }

    private static void readDirectory(URL place, Map<String, byte[]> scripts) throws IOException {
        Path dir;
        try {
            dir = Path.of(place.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("unreadable migration folder " + place, e);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                add(scripts, dir.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
    }

    /** The same script name in two places would be Flyway's error to report: both go into the digest. */
    private static void add(Map<String, byte[]> scripts, String name, byte[] content) {
        String key = name;
        for (int copy = 2; scripts.containsKey(key); copy++) {
            key = name + "#" + copy;
        }
        scripts.put(key, content);
    }

    private static String digest(Map<String, byte[]> scripts) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        scripts.forEach((name, content) -> {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            sha.update(length(n.length));
            sha.update(n);
            sha.update(length(content.length));
            sha.update(content);
        });
        return HexFormat.of().formatHex(sha.digest());
    }

    private static byte[] length(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }
}
