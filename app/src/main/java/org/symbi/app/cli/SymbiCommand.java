package org.symbi.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.concurrent.Callable;

/** The {@code symbi} command and its subcommands. */
@Command(name = "symbi",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"SYMBI Control Room: run, watch and govern a team of AI agents that work on software.",
                "With no command, opens the control room window (`symbi room`)."})
public final class SymbiCommand implements Callable<Integer> {
    /** Every subcommand, in the order help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(RoomCommand.class, ServeCommand.class,
            AgentCommand.class, TokenCommand.class, ApprovalsCommand.class, ApproveCommand.class, DenyCommand.class,
            LedgerCommand.class, BenchCommand.class, ScreenshotsCommand.class, PlanCommand.class, RequestCommand.class,
            CommandLine.HelpCommand.class);
    /** The room, and the command it hands over to when there is no display. */
    private static final List<Class<?>> ROOM = List.of(RoomCommand.class, ServeCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return spec.subcommands().get("room").execute();
    }

    /** The command line with every subcommand. */
    public static CommandLine commandLine() {
        return commandLine(SUBCOMMANDS);
    }

    /**
     * The command line for these arguments: with only the subcommand they name, when they name one. Picocli reads
     * each subcommand's options by reflection as it is added, which for all of them costs about 0.2 s of a cold
     * start; help, and a name that matches none, get them all.
     */
    public static CommandLine forArguments(String... args) {
        if (args.length == 0) {
            return commandLine(ROOM);
        }
        for (Class<?> subcommand : SUBCOMMANDS) {
            Command named = subcommand.getAnnotation(Command.class);
            if (subcommand != CommandLine.HelpCommand.class
                    && (named.name().equals(args[0]) || List.of(named.aliases()).contains(args[0]))) {
                return commandLine(subcommand == RoomCommand.class ? ROOM : List.of(subcommand));
            }
        }
        return commandLine();
    }

    private static CommandLine commandLine(List<Class<?>> subcommands) {
        CommandLine cli = new CommandLine(new SymbiCommand());
        subcommands.forEach(cli::addSubcommand);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("symbi: " + e.getMessage());
            return 2;
        });
        return cli;
    }
}
