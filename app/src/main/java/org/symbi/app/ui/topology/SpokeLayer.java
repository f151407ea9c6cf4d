package org.symbi.app.ui.topology;

import javafx.geometry.Rectangle2D;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

import java.nio.IntBuffer;
import java.util.List;

/**
 * The spokes on screen: a {@link SpokeRaster} shown through a pixel buffer, in screen coordinates under the
 * zoomed and panned world. Idle spokes are traced again only when something moved; a frame restores them
 * and blends in the lit ones, and draws nothing at all once no spoke is lit.
 */
final class SpokeLayer extends ImageView {
    /** Spokes end at the orchestrator's rim. */
    static final double ORCHESTRATOR_RADIUS = 16;
    private static final double IDLE_ALPHA = 0.5;
    private static final double SPOKE_WIDTH = 1.3;

    private final TopologyViewModel model;
    private final Legend legend;
    private final SpokeRaster raster = new SpokeRaster();
    private final int[] laneRgb = new int[FlowPulses.LANES];
    private final double[] laneOpacity = new double[FlowPulses.LANES];
    private PixelBuffer<IntBuffer> pixels;
    /** The part of the image on screen, in its pixels. */
    private Rectangle2D shown;
    private double renderScale = 1;
    private int background;
    private boolean stale = true;
    private boolean lit;

    SpokeLayer(TopologyViewModel model, Legend legend) {
        this.model = model;
        this.legend = legend;
        setMouseTransparent(true);
        setManaged(false);
    }

    /** Agents, the view or the colours changed: trace and draw the idle spokes again next frame. */
    void stale() {
        stale = true;
    }

    /**
     * The graph is {@code width} × {@code height} on a screen with {@code scale} pixels per unit. The spokes
     * are drawn on the graph's own background colour, so that their image is opaque and the renderer copies
     * it rather than blending it.
     */
    void resize(double width, double height, double scale, Color backgroundColour) {
        int pw = (int) Math.ceil(width * scale);
        int ph = (int) Math.ceil(height * scale);
        int argb = 0xff000000 | Legend.rgb(backgroundColour);
        if (argb != background) {
            background = argb;
            stale = true;
        }
        if (pw > 0 && ph > 0 && (pw != raster.width() || ph != raster.height() || scale != renderScale)) {
            raster.resize(pw, ph);
            pixels = new PixelBuffer<>(pw, ph, IntBuffer.wrap(raster.pixels()), PixelFormat.getIntArgbPreInstance());
            setImage(new WritableImage(pixels));
            renderScale = scale;
            stale = true;
        }
    }

    /** One frame: the idle spokes again if something moved, then the lit ones over them, fading. */
    void frame(long now) {
        FlowPulses pulses = model.pulses();
        boolean active = pulses.active(now);
        if (pixels == null || !stale && !active && !lit) {
            return;
        }
        if (stale) {
            drawIdle();
        }
        raster.restoreBase();
        if (active) {
            drawLit(pulses, now);
        }
        lit = active;
        pixels.updateBuffer(buffer -> shown);
    }

    /** Traces every spoke where it shows now and draws it idle into the base image. */
    private void drawIdle() {
        List<AgentItem> agents = model.agents();
        Viewport viewport = model.viewport();
        double zoom = viewport.zoomProperty().get() * renderScale;
        double panX = viewport.panXProperty().get() * renderScale;
        double panY = viewport.panYProperty().get() * renderScale;
        Color idle = legend.idleColour();
        int rgb = Legend.rgb(idle);
        double alpha = IDLE_ALPHA * idle.getOpacity();
        raster.clear(background);
        raster.forgetSpokes();
        for (AgentItem a : agents) {
            double distance = Math.hypot(a.x(), a.y());
            double rim = distance > 0 ? ORCHESTRATOR_RADIUS / distance : 0;
            int spoke = raster.trace(a.x() * zoom + panX, a.y() * zoom + panY,
                    a.x() * rim * zoom + panX, a.y() * rim * zoom + panY, SPOKE_WIDTH * renderScale);
            raster.fill(spoke, rgb, alpha);
        }
        raster.saveBase();
        stale = false;
        showTouchedPart();
    }

    /**
     * Shows only the part of the image the spokes touch (at the overview, the disc around the orchestrator):
     * the renderer then copies, and redraws over, that part each frame rather than the whole graph.
     */
    private void showTouchedPart() {
        int w = raster.touchedWidth();
        int h = raster.touchedHeight();
        setVisible(w > 0 && h > 0);
        if (w > 0 && h > 0) {
            shown = new Rectangle2D(raster.left(), raster.top(), w, h);
            setViewport(shown);
            setLayoutX(raster.left() / renderScale);
            setLayoutY(raster.top() / renderScale);
            setFitWidth(w / renderScale);
            setFitHeight(h / renderScale);
        }
    }

    /**
     * One line per lit spoke, in the colour of the lane that matters most now (its strength weighted by
     * urgency), so that a critical message stays visible through the normal traffic after it.
     */
    private void drawLit(FlowPulses pulses, long now) {
        for (int lane = 0; lane < FlowPulses.LANES; lane++) {
            Color c = legend.laneColour(lane);
            laneRgb[lane] = Legend.rgb(c);
            laneOpacity[lane] = c.getOpacity();
        }
        for (int i = 0, n = raster.spokes(); i < n; i++) {
            int lane = pulses.salientLane(i, now);
            if (lane >= 0) {
                raster.fill(i, laneRgb[lane], pulses.strength(i, lane, now) * laneOpacity[lane]);
            }
        }
    }
}
