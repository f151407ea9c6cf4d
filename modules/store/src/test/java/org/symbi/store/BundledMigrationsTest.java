package org.symbi.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The digest of migration scripts found in real jars and directories through a class loader. */
class BundledMigrationsTest {
    private static final String FOLDER = "db/migration";

    @TempDir
    Path tmp;

    @Test
    void scriptsSpreadOverJarsAndDirectoriesHaveOneDigestWhereverTheyLie() throws IOException {
        Path kernel = jar("kernel.jar", Map.of("V2_0__registry.sql", "CREATE TABLE a (id INT);"));
        Path store = directory("store", Map.of("V1_0__store.sql", "CREATE TABLE b (id INT);"));
        String split = digest(kernel, store);

        Path together = directory("together", Map.of("V2_0__registry.sql", "CREATE TABLE a (id INT);",
                "V1_0__store.sql", "CREATE TABLE b (id INT);"));
        assertThat(digest(together)).isEqualTo(split).hasSize(64);
        assertThat(digest(store, kernel)).isEqualTo(split);
    }

    @Test
    void anEditedScriptOrAnAddedOneChangesTheDigest() throws IOException {
        Path v1 = jar("v1.jar", Map.of("V1_0__a.sql", "CREATE TABLE a (id INT);"));
        Path edited = jar("edited.jar", Map.of("V1_0__a.sql", "CREATE TABLE a (id BIGINT);"));
        Path added = jar("added.jar", Map.of("V1_0__a.sql", "CREATE TABLE a (id INT);",
                "V1_1__b.sql", "CREATE TABLE b (id INT);"));
        // a name and a content boundary cannot trade places
        Path renamed = jar("renamed.jar", Map.of("V1_0__a.sqlC", "REATE TABLE a (id INT);"));

        assertThat(digest(v1)).isNotEqualTo(digest(edited)).isNotEqualTo(digest(added)).isNotEqualTo(digest(renamed));
        assertThat(digest(v1)).isEqualTo(digest(jar("again.jar", Map.of("V1_0__a.sql", "CREATE TABLE a (id INT);"))));
    }

    @Test
    void theRoomsOwnClassPathHasItsScripts() throws IOException {
        assertThat(BundledMigrations.digest(getClass().getClassLoader(), FOLDER)).get().asString().hasSize(64);
    }

    private String digest(Path... places) throws IOException {
        URL[] urls = new URL[places.length];
        for (int i = 0; i < places.length; i++) {
            urls[i] = places[i].toUri().toURL();
        }
        try (URLClassLoader loader = new URLClassLoader(urls, null)) {
            return BundledMigrations.digest(loader, FOLDER).orElseThrow();
        }
    }

    private Path directory(String name, Map<String, String> scripts) throws IOException {
        Path root = tmp.resolve(name);
        Path folder = Files.createDirectories(root.resolve(FOLDER));
        for (var script : scripts.entrySet()) {
            Files.writeString(folder.resolve(script.getKey()), script.getValue());
        }
        return root;
    }

    /** A jar as Maven builds it: with the folders' own entries, which class loaders need to find a folder. */
    private Path jar(String name, Map<String, String> scripts) throws IOException {
        Path jar = tmp.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("db/"));
            out.putNextEntry(new JarEntry(FOLDER + "/"));
            for (var script : scripts.entrySet()) {
                out.putNextEntry(new JarEntry(FOLDER + "/" + script.getKey()));
                out.write(script.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }
}
