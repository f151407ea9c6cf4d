package org.symbi.app.showcase;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.symbi.app.serve.Room;
import org.symbi.app.ui.RoomContext;
import org.symbi.app.ui.RoomWindow;
import org.symbi.app.ui.kit.FxPlatform;
import org.symbi.app.ui.kit.Selection;
import org.symbi.app.ui.kit.Theme;
import org.symbi.gateway.GatewayConfig;
import org.symbi.store.DataDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Renders every view of the room into a PNG while a {@link DemoTeam} of real agents works in it: a real room
 * on a fresh data directory, the agents connected through its gateway, the real window (headless when there
 * is no display).
 */
public final class Screenshots {
    private final Path out;
    private final Theme theme;
    private final int width;
    private final int height;

    public Screenshots(Path out, Theme theme, int width, int height) {
        this.out = out;
        this.theme = theme;
        this.width = width;
        this.height = height;
    }

    /** Takes one screenshot per view; returns the files written. */
    public List<Path> take(Path dataDir, Duration settle) throws Exception {
        Files.createDirectories(out);
        FxPlatform.start();
        List<Path> written = new ArrayList<>();
        try (Room room = Room.open(new DataDir(dataDir), tokens -> GatewayConfig.local(tokens).withAddress("127.0.0.1", 0));
             DemoTeam team = DemoTeam.join(room)) {
            RoomWindow window = onFx(() -> new RoomWindow(new Stage(), theme, "SYMBI Control Room", width, height));
            try {
                RoomContext context = onFx(() -> window.opened(room));
                Thread.sleep(settle.toMillis());
                team.oneLeaves();
                onFx(() -> {
                    context.selection().select(Selection.Target.agent("coder-1"));
                    return null;
                });
                for (String title : onFx(() -> window.view().featureTitles())) {
                    onFx(() -> window.view().showFeature(title));
                    Thread.sleep(settle.toMillis());
                    Path file = out.resolve(slug(title) + ".png");
                    WritableImage image = onFx(() -> window.view().getScene().snapshot(null));
                    writePng(image, file);
                    written.add(file);
                }
            } finally {
                onFx(() -> {
                    window.close();
                    return null;
                });
            }
        }
        Platform.exit();
        return written;
    }

    static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception | LinkageError e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }

    private static void writePng(WritableImage image, Path file) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        PixelReader pixels = image.getPixelReader();
        pixels.getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage buffered = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        buffered.setRGB(0, 0, w, h, argb, 0, w);
        try {
            ImageIO.write(buffered, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
