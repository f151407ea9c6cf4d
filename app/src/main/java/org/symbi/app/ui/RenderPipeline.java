package org.symbi.app.ui;

import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.symbi.store.DataDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Remembers a display whose graphics JavaFX refused. JavaFX tries its OpenGL pipeline first and falls back to
 * software rendering when the GPU does not qualify (a virtual machine, a remote desktop, Mesa's software
 * OpenGL): the attempt loads the system's OpenGL stack, about 45 MB that stay resident although nothing draws
 * with them. After such a fallback the next starts, of any room of this user, ask for software rendering at once,
 * for a week, then try the GPU again (drivers get installed). A {@code prism.order} the user set is left alone.
 * <p>
 * Asking JavaFX for software rendering is not enough on Linux: GTK opens the OpenGL stack as it connects to the
 * display, to choose its visuals, unless {@code GDK_GL=disable} is in the process's environment. Java cannot set
 * an environment variable, so the C library's {@code setenv} is called, before anything starts GTK (a
 * {@code GDK_GL} of the user's is kept).
 */
final class RenderPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(RenderPipeline.class);
    static final String FILE = "render-pipeline";
    static final Duration REMEMBERED = Duration.ofDays(7);
    private static final String PRISM_ORDER = "prism.order";
    private static final String SOFTWARE = "software";

    private final Path file;
    /** Whether this start's pipeline was decided before JavaFX could try: by the user, or by an earlier note. */
    private final boolean decided;

    private RenderPipeline(Path file, boolean decided) {
        this.file = file;
        this.decided = decided;
    }

    /** The note of this user's machine, whichever room it opens: beside the default data directory. */
    static Path noteOfThisUser() {
        Path rooms = DataDir.defaultLocation();
        return rooms.resolveSibling(rooms.getFileName() + "-" + FILE);
    }

    /** Before JavaFX starts: asks for software rendering when the note says this display refused the GPU lately. */
    static RenderPipeline choose(Path note, Instant now) {
        if (System.getProperty(PRISM_ORDER) != null) {
            return new RenderPipeline(note, true);
        }
        if (refusedSince(note, now.minus(REMEMBERED))) {
            System.setProperty(PRISM_ORDER, "sw");
            if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
                keepGtkOffOpenGl();
            }
            return new RenderPipeline(note, true);
        }
        return new RenderPipeline(note, false);
    }

    /** Once JavaFX runs: notes a fallback to software rendering, or forgets one the GPU now passed. */
    void learn(Instant now) {
        if (!decided) {
            // only the software pipeline lacks 3D: a public way to tell which pipeline JavaFX chose
            record(!Platform.isSupported(ConditionalFeature.SCENE3D), now);
        }
    }

    boolean decided() {
        return decided;
    }

    void record(boolean software, Instant now) {
        try {
            if (!software) {
                Files.deleteIfExists(file);
            } else {
                Files.createDirectories(file.getParent());
                Files.writeString(file, SOFTWARE + " " + now + "\n", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            LOG.debug("could not note the rendering pipeline in {}", file, e);
        }
    }

    @SuppressWarnings("restricted") // native access is allowed to the application in the launcher's options
    private static void keepGtkOffOpenGl() {
        Linker linker = Linker.nativeLinker();
        try (Arena arena = Arena.ofConfined()) {
            MethodHandle setenv = linker.downcallHandle(linker.defaultLookup().find("setenv").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                            ValueLayout.JAVA_INT));
            int failed = (int) setenv.invokeExact(arena.allocateFrom("GDK_GL"), arena.allocateFrom("disable"), 0);
            if (failed != 0) {
                LOG.debug("setenv GDK_GL failed; GTK will load OpenGL");
            }
        } catch (Throwable e) {
            // rendering works either way; only memory is at stake
            LOG.debug("could not keep GTK off OpenGL", e);
        }
    }

    private static boolean refusedSince(Path file, Instant since) {
        try {
            String[] line = Files.readString(file, StandardCharsets.UTF_8).trim().split(" ");
            return line.length == 2 && line[0].equals(SOFTWARE) && Instant.parse(line[1]).isAfter(since);
        } catch (IOException | DateTimeParseException unreadable) {
            return false; // no note, or a damaged one: try the GPU
        }
    }
}
