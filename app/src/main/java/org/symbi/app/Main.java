package org.symbi.app;

import org.symbi.app.cli.SymbiCommand;

/** Entry point of the {@code symbi} launcher. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(SymbiCommand.commandLine().execute(args));
    }
}
