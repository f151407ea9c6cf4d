package org.symbi.app.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What Linux's /proc says of a process: its memory, its CPU time and its age. The age is read on the boot clock
 * (the process's start in clock ticks since boot, against /proc/uptime), not through
 * {@code ProcessHandle.Info.startInstant()}: the JDK adds that start to the boot time of /proc/stat, which is
 * whole seconds, so its instant is early by the fraction of a second the machine booted at, up to a second.
 */
public final class ProcFs {
    private static final Path ROOT = Path.of("/proc");
    private static long clockTicksPerSecond;

    private ProcFs() {
    }

    /** Whether this system has a /proc to read. */
    public static boolean available() {
        return Files.isReadable(ROOT.resolve("uptime")) && Files.isDirectory(ROOT.resolve("self"));
    }

    /** The process's resident memory (VmRSS), in kB. */
    public static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(ROOT.resolve(Long.toString(pid)).resolve("status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }

    /** The process's user plus system CPU time, in clock ticks. */
    public static long cpuTicks(long pid) throws IOException {
        String[] fields = statFields(pid);
        return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    /** How long ago the process started, to the clock tick (10 ms on common systems). */
    public static Duration age(long pid) throws IOException {
        // Uptime first: the age is of this moment, and the reads after it take time.
        String uptime = Files.readString(ROOT.resolve("uptime"), StandardCharsets.US_ASCII);
        long nowMillis = Math.round(Double.parseDouble(uptime.substring(0, uptime.indexOf(' '))) * 1000);
        long startTicks = Long.parseLong(statFields(pid)[21]);
        return Duration.ofMillis(nowMillis - startTicks * 1000 / clockTicksPerSecond());
    }

    /** The length of a clock tick, as {@code getconf CLK_TCK} says; asked once. */
    public static synchronized long clockTicksPerSecond() throws IOException {
        if (clockTicksPerSecond == 0) {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while asking getconf for CLK_TCK", e);
            }
            try {
                clockTicksPerSecond = Long.parseLong(out);
            } catch (NumberFormatException e) {
                throw new IOException("getconf CLK_TCK said: " + out, e);
            }
        }
        return clockTicksPerSecond;
    }

    /**
     * The fields of /proc/PID/stat, numbered as proc(5) numbers them less one. The second is the command's name
     * in parentheses, which may itself hold spaces and parentheses, so the fields after it are found from the
     * last ')'.
     */
    private static String[] statFields(long pid) throws IOException {
        String stat = Files.readString(ROOT.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IOException("unreadable /proc/" + pid + "/stat: " + stat);
        }
        String[] after = stat.substring(close + 2).trim().split(" ");
        String[] fields = new String[after.length + 2];
        fields[0] = Long.toString(pid);
        fields[1] = stat.substring(stat.indexOf('(') + 1, close);
        System.arraycopy(after, 0, fields, 2, after.length);
        return fields;
    }
}
