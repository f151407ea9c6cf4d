package org.symbi.app.cli;

import org.symbi.app.ui.RoomApplication;
import org.symbi.app.ui.kit.FxPlatform;
import org.symbi.app.ui.kit.Theme;
import org.symbi.store.DataDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code symbi room}, and {@code symbi} alone: the desktop control room. */
@Command(name = "room", mixinStandardHelpOptions = true,
        description = "Open the control room window on a data directory (what `symbi` alone does). "
                + "With no display it runs headless, as `symbi serve`.")
final class RoomCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--port", paramLabel = "N", defaultValue = "7420",
            description = "TCP port of the gateway (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address the gateway listens on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--theme", paramLabel = "dark|light", defaultValue = "dark",
            description = "The room's look (default: ${DEFAULT-VALUE}).")
    String theme;

    @Option(names = "--startup-time", description = "Measure start-up: print the milliseconds from the process's "
            + "start to the first frame of the window showing the live gateway address, then exit.")
    boolean startupTime;

    @Override
    public Integer call() {
        if (startupTime && !FxPlatform.displayAvailable()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--startup-time measures the window: it needs a display");
        }
        if (!FxPlatform.displayAvailable()) {
            spec.commandLine().getErr().println("symbi: no display found (DISPLAY and WAYLAND_DISPLAY are unset); "
                    + "running the room headless, as `symbi serve`");
            return spec.parent().subcommands().get("serve").execute("--data", dataDir.path().toString(),
                    "--port", Integer.toString(port), "--host", host);
        }
        Theme chosen = Theme.valueOf(theme.toUpperCase(Locale.ROOT));
        return RoomApplication.run(new RoomApplication.Options(new DataDir(dataDir.path()), host, port, chosen),
                startupTime);
    }
}
