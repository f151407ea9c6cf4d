package org.symbi.app.ui.kit;

import javafx.application.Platform;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the JavaFX toolkit for commands that render without the desktop application ({@code symbi bench ui},
 * {@code symbi screenshots}). With no display it chooses JavaFX's own headless platform and software
 * rendering, so these commands also run on servers and in CI.
 */
public final class FxPlatform {
    private static final Object LOCK = new Object();
    private static boolean started;

    private FxPlatform() {
    }

    /** True when a window can be shown: Windows, macOS, an X or Wayland display, or the headless platform. */
    public static boolean displayAvailable() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac") || "Headless".equals(System.getProperty("glass.platform"))) {
            return true;
        }
        return notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    /** Starts the toolkit once (headless when there is no display); returns whether it runs headless. */
    public static boolean start() throws InterruptedException {
        synchronized (LOCK) {
            if (!displayAvailable()) {
                System.setProperty("glass.platform", "Headless");
                System.setProperty("prism.order", "sw");
            }
            if (!started) {
                CountDownLatch up = new CountDownLatch(1);
                Platform.startup(up::countDown);
                up.await();
                Platform.setImplicitExit(false);
                started = true;
            }
            return "Headless".equals(System.getProperty("glass.platform"));
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
