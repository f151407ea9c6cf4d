package org.symbi.app.cli;

import org.symbi.app.serve.GatewayBinding;
import org.symbi.app.ui.RoomApplication;
import org.symbi.app.ui.kit.FxPlatform;
import org.symbi.app.ui.kit.Theme;
import org.symbi.app.ui.settings.RoomSettings;
import org.symbi.store.DataDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    // Without these options the room's saved settings (settings.json in the data directory) decide.
    @Mixin
    BuiltInAgentsOption builtIn;

    @Option(names = "--port", paramLabel = "N",
            description = "TCP port of the gateway (default: the one in the room's settings, else 7420).")
    Integer port;

    @Option(names = "--host", paramLabel = "ADDR",
            description = "Address the gateway listens on (default: the one in the room's settings, else 127.0.0.1).")
    String host;

    @Option(names = "--theme", paramLabel = "dark|light",
            description = "The room's look (default: the one in the room's settings, else dark).")
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
        DataDir dir = new DataDir(dataDir.path());
        RoomSettings.Loaded saved = RoomSettings.load(dir);
        saved.problem().ifPresent(problem -> spec.commandLine().getErr().println("symbi: " + problem));
        int chosenPort = port != null ? port : saved.settings().gatewayPort();
        String chosenHost = host != null ? host : saved.settings().gatewayHost();
        String keystore = saved.settings().gatewayKeystore();
        if (!FxPlatform.displayAvailable()) {
            spec.commandLine().getErr().println("symbi: no display found (DISPLAY and WAYLAND_DISPLAY are unset); "
                    + "running the room headless, as `symbi serve`");
            List<String> serve = new ArrayList<>(List.of("--data", dataDir.path().toString(), "--port",
                    Integer.toString(chosenPort), "--host", chosenHost, "--built-in-agents", builtIn.kinds));
            if (keystore != null) {
                serve.addAll(List.of("--keystore", keystore));
            }
            return spec.parent().subcommands().get("serve").execute(serve.toArray(String[]::new));
        }
        Theme chosen = theme != null ? Theme.valueOf(theme.toUpperCase(Locale.ROOT)) : saved.settings().theme();
        GatewayBinding gateway = new GatewayBinding(chosenHost, chosenPort, keystore == null ? null : Path.of(keystore),
                System.getenv(GatewayBinding.PASSWORD_ENV));
        return RoomApplication.run(new RoomApplication.Options(dir, gateway, chosen, builtIn.resolve(dir)),
                startupTime);
    }
}
