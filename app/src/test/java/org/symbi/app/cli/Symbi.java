package org.symbi.app.cli;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs the {@code symbi} command line in-process, with what it prints captured. */
final class Symbi implements AutoCloseable {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StringWriter err = new StringWriter();
    private final PrintStream systemOut = System.out;

    Symbi() {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    /** Runs one command; returns its exit status. */
    int run(String... args) {
        CommandLine cli = SymbiCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** What the commands printed to standard output since the last call, stripped. */
    String output() {
        String text = out.toString(StandardCharsets.UTF_8).strip();
        out.reset();
        return text;
    }

    /** What the commands printed to standard error so far. */
    String errors() {
        return err.toString();
    }

    @Override
    public void close() {
        System.setOut(systemOut);
    }
}
