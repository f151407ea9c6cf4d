package org.symbi.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** The {@code symbi} command and its subcommands. */
@Command(name = "symbi",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"SYMBI Control Room: run, watch and govern a team of AI agents that work on software.",
                "With no command, opens the control room window (`symbi room`)."},
        subcommands = {RoomCommand.class, ServeCommand.class, AgentCommand.class, TokenCommand.class,
                ApprovalsCommand.class, ApproveCommand.class, DenyCommand.class, LedgerCommand.class, BenchCommand.class,
                ScreenshotsCommand.class, PlanCommand.class, RequestCommand.class, CommandLine.HelpCommand.class})
public final class SymbiCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return spec.subcommands().get("room").execute();
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SymbiCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("symbi: " + e.getMessage());
            return 2;
        });
        return cli;
    }
}
