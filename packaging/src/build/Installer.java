import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Builds the room's native installer for the platform it runs on. The packaging module runs it on the build's
 * JDK 25, in the packaging folder, once Maven has copied the application's jars to target/input and the
 * platform's JavaFX jars to target/javafx:
 * <ol>
 *   <li>draws the icons ({@link Emblem});</li>
 *   <li>links the Java runtime: the JDK and JavaFX modules named in ../jlink/jlink.options, with JavaFX's native
 *       libraries beside the JDK's;</li>
 *   <li>lays out the application image with jpackage: the launcher, the runtime, the application's jars;</li>
 *   <li>starts the room once from that image to record an AOT cache (CDS) of its start-up, and has the launcher
 *       use it (application image and .deb; other installers get the JDK's default CDS archive);</li>
 *   <li>on Linux, replaces jpackage's native launcher with a shell script that starts the same JVM with the same
 *       options ({@link #writeShellLauncher});</li>
 *   <li>packages the image as the installer (deb, rpm, msi, dmg) in target/.</li>
 * </ol>
 * Options for jpackage and jlink come from *.options files: one option per line, its value after the first
 * space; lines starting with # are comments.
 *
 * <p>Arguments: {@code VERSION TYPE}, e.g. {@code 0.1.0-SNAPSHOT deb}; TYPE {@code app-image} stops after step 4.
 */
public final class Installer {
    private static final String NAME = "symbi";
    private static final String AOT_CACHE = NAME + ".aot";
    /**
     * The AOT cache is valid only for jars with the modification times it recorded, and packaging tools stamp
     * their copies with the time they copy; so the jars get this fixed time before training, and the Debian
     * package's postinst gives the installed jars the same one.
     */
    private static final FileTime JAR_TIME = FileTime.from(Instant.parse("2000-01-01T00:00:00Z"));

    /** Where jpackage puts things on each platform, relative to the application image's root. */
    enum Platform {
        LINUX("linux", NAME, "bin/" + NAME, "lib/app", "lib"),
        WINDOWS("windows", NAME, NAME + ".exe", "app", "bin"),
        MACOS("macos", NAME + ".app", "Contents/MacOS/" + NAME, "Contents/app", "lib");

        final String folder;
        final String imageRoot;
        final String launcher;
        final String appDir;
        final String runtimeNativeDir;

        Platform(String folder, String imageRoot, String launcher, String appDir, String runtimeNativeDir) {
            this.folder = folder;
            this.imageRoot = imageRoot;
            this.launcher = launcher;
            this.appDir = appDir;
            this.runtimeNativeDir = runtimeNativeDir;
        }

        static Platform current() {
            String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
            return os.contains("win") ? WINDOWS : os.contains("mac") ? MACOS : LINUX;
        }
    }

    private final Platform platform = Platform.current();
    private final Path target = Path.of("target");
    private final Path runtime = target.resolve("runtime");
    private final Path appImages = target.resolve("app-image");
    private final Path icons = target.resolve("icons");
    private final String version;
    private final String type;

    private Installer(String projectVersion, String type) {
        // Installers take plain numeric versions: 0.1.0-SNAPSHOT is packaged as 0.1.0.
        this.version = projectVersion.replaceFirst("-.*$", "");
        this.type = type;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("arguments: VERSION TYPE (deb, rpm, msi, dmg or app-image)");
        }
        new Installer(args[0], args[1]).build();
    }

    private void build() throws Exception {
        for (Path stale : List.of(runtime, appImages, target.resolve("aot-training"))) {
            deleteTree(stale);
        }
        Emblem.write(icons);
        linkRuntime();
        Path image = layOutImage();
        if (keepsJarTimes()) {
            recordAotCache(image);
        }
        if (platform == Platform.LINUX) {
            writeShellLauncher(image);
        }
        if (!type.equals("app-image")) {
            packageImage(image);
        }
    }

    /**
     * Whether the installed jars keep the build's modification times, as the AOT cache needs: the application
     * image itself, and the Debian package (its postinst restores them). Other installers get the runtime's
     * default CDS archive of the JDK's classes instead, which does not depend on the jars.
     */
    private boolean keepsJarTimes() {
        return type.equals("app-image") || type.equals("deb");
    }

    private void linkRuntime() throws IOException {
        List<String> args = options(Path.of("../jlink/jlink.options"));
        if (!keepsJarTimes()) {
            args.add("--generate-cds-archive");
        }
        args.addAll(List.of("--module-path", target.resolve("javafx").toString(), "--output", runtime.toString()));
        run("jlink", args);
        // JavaFX's native libraries travel inside its jars; beside the JDK's they load directly, with no copy
        // unpacked into the user's home on first start.
        Path graphics = only(target.resolve("javafx"), "javafx-graphics-*.jar");
        try (ZipFile jar = new ZipFile(graphics.toFile())) {
            for (ZipEntry entry : jar.stream().toList()) {
                String name = entry.getName();
                if (!name.contains("/") && (name.endsWith(".so") || name.endsWith(".dll") || name.endsWith(".dylib"))) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        Files.copy(in, runtime.resolve(platform.runtimeNativeDir).resolve(name),
                                StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    private Path layOutImage() throws IOException {
        Path input = target.resolve("input");
        List<String> args = new ArrayList<>(List.of("--type", "app-image", "--dest", appImages.toString(),
                "--app-version", version, "--input", input.toString(),
                "--main-jar", only(input, "symbi-app-*.jar").getFileName().toString(),
                "--runtime-image", runtime.toString(), "--icon", icon().toString()));
        args.addAll(options(Path.of("src/common/app-image.options")));
        args.addAll(options(Path.of("src", platform.folder, "app-image.options")));
        run("jpackage", args);
        return appImages.resolve(platform.imageRoot);
    }

    /**
     * A training start of the room (on JavaFX's headless platform, so no display is needed) records which classes
     * start-up loads and links, and how its methods run, into an AOT cache beside the jars (JEP 483, 514, 515). The
     * cache holds the JDK's classes too, so it replaces the runtime's default CDS archive. The JVM checks the
     * cache against the class path (it may move as a whole, as it does when installed) and the JVM options.
     */
    private void recordAotCache(Path image) throws IOException, InterruptedException {
        Path appDir = image.resolve(platform.appDir);
        Path cache = appDir.resolve(AOT_CACHE);
        Path data = target.resolve("aot-training").toAbsolutePath();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(appDir, "*.jar")) {
            for (Path jar : jars) {
                Files.setLastModifiedTime(jar, JAR_TIME);
            }
        }
        ProcessBuilder training = new ProcessBuilder(image.resolve(platform.launcher).toAbsolutePath().toString(),
                // the built-in agents start after the first frame: their classes are not start-up's to hold
                "room", "--startup-time", "--data", data.toString(), "--port", "0", "--built-in-agents", "none")
                .inheritIO();
        String options = "-XX:AOTCacheOutput=" + cache.toAbsolutePath() + " -Xlog:aot=error -Dglass.platform=Headless";
        if (platform == Platform.LINUX) {
            // The start of a display whose GPU JavaFX refused before (virtual machines, remote desktops): the room
            // asks for software rendering and first sets GTK's environment through the C library, whose linking
            // classes then come from the cache too. The note saying so is the room's (RenderPipeline).
            Path xdg = Files.createDirectories(data.resolve("xdg"));
            Files.writeString(xdg.resolve(NAME + "-render-pipeline"), "software " + Instant.now() + "\n");
            training.environment().put("XDG_DATA_HOME", xdg.toString());
        } else {
            options += " -Dprism.order=sw";
        }
        training.environment().put("JAVA_TOOL_OPTIONS", options);
        System.out.println("[installer] training start of the room to record " + cache);
        Process process = training.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the training start of the room did not end within 10 minutes");
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(cache)) {
            throw new IllegalStateException("the training start of the room failed (exit status "
                    + process.exitValue() + "); no AOT cache at " + cache);
        }
        try (DirectoryStream<Path> configs = Files.newDirectoryStream(appDir, "*.cfg")) {
            for (Path config : configs) { // [JavaOptions] is the launcher configuration's last section
                Files.writeString(config, "java-options=-XX:AOTCache=$APPDIR/" + AOT_CACHE + System.lineSeparator(),
                        StandardOpenOption.APPEND);
            }
        }
    }

    /**
     * jpackage's Linux launcher asks the package manager which package owns it on every start ({@code rpm -qf},
     * {@code dpkg -S}, {@code dpkg -L}, twice), and {@code dpkg -S} reads the file list of every installed package:
     * 0.13 s of each start on a machine with 800 packages, more on a desktop with thousands. The script written in
     * its place runs the runtime's {@code java} with what jpackage's launcher configuration ({@code lib/app/*.cfg})
     * says: the class path, the main class and the JVM options. The JVM runs under the name {@code symbi} (a link
     * to {@code java} in the runtime), so process lists show the room by its name.
     */
    private void writeShellLauncher(Path image) throws IOException {
        Path config = image.resolve(platform.appDir).resolve(NAME + ".cfg");
        List<String> classPath = new ArrayList<>();
        List<String> javaOptions = new ArrayList<>();
        String mainClass = null;
        for (String line : Files.readAllLines(config)) {
            int equals = line.indexOf('=');
            if (line.isBlank() || line.startsWith("[")) {
                continue;
            }
            if (equals < 0) {
                throw new IllegalStateException("unexpected line in " + config + ": " + line);
            }
            String value = shellWord(line.substring(equals + 1));
            switch (line.substring(0, equals)) {
                case "app.classpath" -> classPath.add(value);
                case "app.mainclass" -> mainClass = value;
                case "java-options" -> javaOptions.add(value);
                // a setting the script would not carry over fails the build rather than change the launcher quietly
                default -> throw new IllegalStateException("the shell launcher does not know " + line + " in " + config);
            }
        }
        if (mainClass == null || classPath.isEmpty()) {
            throw new IllegalStateException(config + " names no main class or class path");
        }
        String script = String.join("\n",
                "#!/bin/sh",
                "# The symbi launcher: the room's JVM with the options of " + config.getFileName() + ", generated by",
                "# the installer build (jpackage's own launcher queries the package manager on every start).",
                "root=$(dirname \"$(dirname \"$(readlink -f \"$0\")\")\")",
                "app=\"$root/lib/app\"",
                "exec \"$root/lib/runtime/bin/" + NAME + "\" \\",
                "  " + String.join(" \\\n  ", javaOptions) + " \\",
                "  -cp " + String.join(":", classPath) + " \\",
                "  " + mainClass + " \"$@\"",
                "");
        Path launcher = image.resolve(platform.launcher);
        Files.writeString(launcher, script);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path runtimeBin = image.resolve("lib/runtime/bin");
        Files.deleteIfExists(runtimeBin.resolve(NAME));
        Files.createSymbolicLink(runtimeBin.resolve(NAME), Path.of("java"));
        System.out.println("[installer] wrote the shell launcher " + launcher);
    }

    /** A value of the launcher configuration as one double-quoted shell word; jpackage's $APPDIR becomes $app. */
    static String shellWord(String value) {
        String escaped = value.replace("\\", "\\\\").replace("\"", "\\\"").replace("`", "\\`")
                .replace("$", "\\$").replace("\\$APPDIR", "${app}");
        return "\"" + escaped + "\"";
    }

    private void packageImage(Path image) throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(target, NAME + "*." + type)) {
            for (Path installer : old) {
                Files.delete(installer);
            }
        }
        List<String> args = new ArrayList<>(List.of("--type", type, "--app-image", image.toString(),
                "--dest", target.toString(), "--app-version", version, "--icon", icon().toString()));
        args.addAll(options(Path.of("src/common/package.options")));
        args.addAll(options(Path.of("src", platform.folder, type + ".options")));
        run("jpackage", args);
        try (DirectoryStream<Path> built = Files.newDirectoryStream(target, NAME + "*." + type)) {
            built.forEach(installer -> System.out.println("[installer] built " + installer.toAbsolutePath()));
        }
    }

    private Path icon() {
        return icons.resolve(switch (platform) {
            case LINUX -> "symbi.png";
            case WINDOWS -> "symbi.ico";
            case MACOS -> "symbi.icns";
        });
    }

    /** Reads an options file: one option per line, its value (spaces allowed) after the first space. */
    static List<String> options(Path file) throws IOException {
        List<String> args = new ArrayList<>();
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            if (space < 0) {
                args.add(line);
            } else {
                args.add(line.substring(0, space));
                args.add(line.substring(space + 1).strip());
            }
        }
        return args;
    }

    private static void run(String tool, List<String> args) {
        System.out.println("[installer] " + tool + " " + String.join(" ", args));
        int status = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IllegalStateException(tool + " is not in this JDK"))
                .run(System.out, System.err, args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException(tool + " failed with exit status " + status);
        }
    }

    private static Path only(Path dir, String glob) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> matches = Files.newDirectoryStream(dir, glob)) {
            matches.forEach(found::add);
        }
        if (found.size() != 1) {
            throw new IllegalStateException("expected one " + glob + " in " + dir + ", found " + found);
        }
        return found.getFirst();
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
