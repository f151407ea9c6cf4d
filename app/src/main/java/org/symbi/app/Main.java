package org.symbi.app;

import org.symbi.app.cli.SymbiCommand;

import java.util.Set;
import java.util.stream.Stream;

/** Entry point of the {@code symbi} launcher. */
public final class Main {
    private static final Set<String> OWN_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    private Main() {
    }

    public static void main(String[] args) {
        String[] command = withDefaultCommand(args);
        System.exit(SymbiCommand.forArguments(command).execute(command));
    }

    /** {@code symbi --data DIR} means {@code symbi room --data DIR}: options alone go to the room. */
    static String[] withDefaultCommand(String[] args) {
        if (args.length > 0 && args[0].startsWith("-") && !OWN_OPTIONS.contains(args[0])) {
            return Stream.concat(Stream.of("room"), Stream.of(args)).toArray(String[]::new);
        }
        return args;
    }
}
