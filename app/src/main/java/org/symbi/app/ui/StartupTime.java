package org.symbi.app.ui;

import javafx.scene.Scene;
import org.symbi.app.proc.ProcFs;
import org.symbi.app.ui.shell.MainViewModel;
import org.symbi.app.ui.shell.MainViewModel.Phase;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntConsumer;

/**
 * {@code symbi room --startup-time}: the cold start as a person sees it, from the process's start to the first
 * frame of the main window whose status bar shows the live gateway address (not the startup progress). That
 * frame is the first pulse laid out after the room turned ready; the time is taken when its layout is done.
 * Prints one JSON line and ends the application.
 */
final class StartupTime {
    private final Scene scene;
    private final MainViewModel model;
    private final PrintStream out;
    private final PrintStream err;
    private final IntConsumer exit;
    private final Runnable onPulse = this::pulse;

    private StartupTime(Scene scene, MainViewModel model, PrintStream out, PrintStream err, IntConsumer exit) {
        this.scene = scene;
        this.model = model;
        this.out = out;
        this.err = err;
        this.exit = exit;
    }

    /** Starts watching the window's pulses; {@code exit} receives the exit status once the time is known. */
    static void measure(Scene scene, MainViewModel model, PrintStream out, PrintStream err, IntConsumer exit) {
        new StartupTime(scene, model, out, err, exit).watch();
    }

    private void watch() {
        scene.addPostLayoutPulseListener(onPulse);
        model.phaseProperty().addListener((obs, was, phase) -> {
            if (phase == Phase.FAILED) {
                scene.removePostLayoutPulseListener(onPulse);
                err.println("symbi: the room could not start: " + model.failureProperty().get());
                exit.accept(1);
            }
        });
    }

    private void pulse() {
        if (model.phaseProperty().get() != Phase.READY) {
            return;
        }
        long millis = sinceProcessStart();
        scene.removePostLayoutPulseListener(onPulse);
        out.println("{\"first_frame_ms\":" + millis + ",\"gateway\":\"" + model.gatewayAddressProperty().get() + "\"}");
        exit.accept(0);
    }

    /**
     * Milliseconds since this process (the launcher's own) started. On Linux from /proc, on the boot clock
     * ({@link ProcFs#age}); elsewhere the JDK's start instant, which Windows and macOS keep exactly.
     */
    private long sinceProcessStart() {
        if (ProcFs.available()) {
            try {
                return ProcFs.age(ProcessHandle.current().pid()).toMillis();
            } catch (IOException | RuntimeException e) {
                err.println("symbi: /proc could not say when the room started (" + e.getMessage()
                        + "); the JDK's start instant is used, which may be early by up to a second");
            }
        }
        Instant start = ProcessHandle.current().info().startInstant()
                .orElseGet(() -> Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
        return Duration.between(start, Instant.now()).toMillis();
    }
}
