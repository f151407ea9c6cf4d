package org.symbi.app.cli;

import org.symbi.app.showcase.Screenshots;
import org.symbi.app.ui.kit.Theme;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code symbi screenshots}: every view of the room, with a team of real agents at work, as PNG files. */
@Command(name = "screenshots", mixinStandardHelpOptions = true,
        description = "Render each view of the room into a PNG while a demo team of real agents works in a fresh "
                + "room (headless when there is no display).")
final class ScreenshotsCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "docs/screenshots",
            description = "Where the PNG files go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--theme", paramLabel = "dark|light", defaultValue = "dark",
            description = "The room's look (default: ${DEFAULT-VALUE}).")
    String theme;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "1280x800",
            description = "Window size in pixels (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--settle", paramLabel = "MS", defaultValue = "2500",
            description = "How long each view runs before it is photographed (default: ${DEFAULT-VALUE} ms).")
    long settleMillis;

    @Override
    public Integer call() throws Exception {
        String[] wh = size.toLowerCase(Locale.ROOT).split("x");
        if (wh.length != 2) {
            throw new IllegalArgumentException("--size takes WIDTHxHEIGHT, e.g. 1280x800, not " + size);
        }
        Path data = Files.createTempDirectory("symbi-screenshots-");
        try {
            List<Path> files = new Screenshots(out, Theme.valueOf(theme.toUpperCase(Locale.ROOT)),
                    Integer.parseInt(wh[0]), Integer.parseInt(wh[1])).take(data, Duration.ofMillis(settleMillis));
            files.forEach(f -> System.out.println("wrote " + f));
            return 0;
        } finally {
            try (Stream<Path> tree = Files.walk(data)) {
                tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
