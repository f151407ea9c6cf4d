package org.symbi.app.ui.topology;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;

/**
 * Zoom and pan of the topology: a world point (x, y) shows at (x·zoom + panX, y·zoom + panY) on screen,
 * the orchestrator being the world's origin. Until the person zooms or pans, the view keeps fitting the
 * whole room as agents come and go; {@link #fit} hands control back to that.
 */
public final class Viewport {
    static final double MIN_ZOOM = 0.05;
    static final double MAX_ZOOM = 8;
    /** Screen pixels kept free around the room when fitting. */
    static final double MARGIN = 24;
    /** Group labels grow outwards from where they sit: fitting leaves them this much more of the extent. */
    static final double LABEL_ROOM = 1.35;

    private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(1);
    private final ReadOnlyDoubleWrapper panX = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper panY = new ReadOnlyDoubleWrapper();
    private double width;
    private double height;
    private double extent = TopologyLayout.CORE;
    private boolean moved;

    /** The view's size changed; while nobody has moved the view, it fits the room again. */
    void resize(double newWidth, double newHeight) {
        width = newWidth;
        height = newHeight;
        if (!moved) {
            fitNow();
        }
    }

    /** The room's size changed ({@code extent}: its radius in world units). */
    void extentChanged(double newExtent) {
        extent = newExtent;
        if (!moved) {
            fitNow();
        }
    }

    /** Shows the whole room, and keeps doing so as it changes until the person zooms or pans. */
    void fit() {
        moved = false;
        fitNow();
    }

    private void fitNow() {
        if (width <= 0 || height <= 0) {
            return;
        }
        double room = Math.min(width, height) - 2 * MARGIN;
        zoom.set(clamp(Math.max(room, 1) / (2 * extent * LABEL_ROOM)));
        panX.set(width / 2);
        panY.set(height / 2);
    }

    /** Zooms by {@code factor} keeping the screen point (sx, sy) where it is. */
    void zoomAt(double factor, double sx, double sy) {
        double before = zoom.get();
        double after = clamp(before * factor);
        panX.set(sx - (sx - panX.get()) * after / before);
        panY.set(sy - (sy - panY.get()) * after / before);
        zoom.set(after);
        moved = true;
    }

    void zoomBy(double factor) {
        zoomAt(factor, width / 2, height / 2);
    }

    void panBy(double dx, double dy) {
        panX.set(panX.get() + dx);
        panY.set(panY.get() + dy);
        moved = true;
    }

    /** Brings the world point (x, y) to the middle, zooming in to at least {@code minZoom}. */
    void centreOn(double x, double y, double minZoom) {
        double z = clamp(Math.max(zoom.get(), minZoom));
        zoom.set(z);
        panX.set(width / 2 - x * z);
        panY.set(height / 2 - y * z);
        moved = true;
    }

    double screenX(double worldX) {
        return worldX * zoom.get() + panX.get();
    }

    double screenY(double worldY) {
        return worldY * zoom.get() + panY.get();
    }

    private static double clamp(double z) {
        return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
    }

    public ReadOnlyDoubleProperty zoomProperty() {
        return zoom.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty panXProperty() {
        return panX.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty panYProperty() {
        return panY.getReadOnlyProperty();
    }
}
