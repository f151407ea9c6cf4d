package org.symbi.app.ui.topology;

import java.util.Arrays;

/**
 * The spokes (agent to orchestrator), drawn straight into an ARGB pixel array, premultiplied, antialiased.
 *
 * <p>Why not a Canvas or Line nodes: the software renderer fills a coverage mask over the whole bounding box
 * of every stroke, so a thousand long diagonal spokes cost about 30 ms a frame (measured), twice the frame
 * budget. Here a spoke costs in proportion to its length.
 *
 * <p>Each spoke's pixels and their coverage are traced once when the picture moves ({@link #trace}); a
 * frame then only blends colours into those pixels ({@link #fill}). The idle spokes are drawn into a base
 * image ({@link #saveBase()}); each frame starts from it ({@link #restoreBase()}) and adds the lit ones.
 */
final class SpokeRaster {
    private int width;
    private int height;
    private int[] pixels = new int[0];
    private int[] base = new int[0];
    /** Traced pixels, spoke after spoke: pixel index in the high 24 bits, coverage (0–255) in the low 8. */
    private int[] traced = new int[4096];
    private int tracedSize;
    /** Spoke i's pixels are traced[starts[i]] up to traced[starts[i + 1]]. */
    private int[] starts = new int[64];
    private int spokes;
    private double clipStart;
    private double clipEnd;
    /** The rows and columns the traced spokes touch: left, top, right, bottom (exclusive); empty if right ≤ left. */
    private int left;
    private int top;
    private int right;
    private int bottom;

    /** A new size allocates new arrays: whoever shows {@link #pixels()} must take the new one. */
    void resize(int newWidth, int newHeight) {
        width = Math.max(0, newWidth);
        height = Math.max(0, newHeight);
        pixels = new int[width * height];
        base = new int[width * height];
        forgetSpokes();
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    int[] pixels() {
        return pixels;
    }

    int spokes() {
        return spokes;
    }

    /** Fills the image with one premultiplied ARGB colour (opaque: the graph's background). */
    void clear(int argb) {
        Arrays.fill(pixels, argb);
    }

    /** What is drawn now becomes the image each frame starts from. */
    void saveBase() {
        System.arraycopy(pixels, 0, base, 0, pixels.length);
    }

    /** Only the rows the spokes touch: the rest never changes between frames. */
    void restoreBase() {
        if (bottom > top) {
            System.arraycopy(base, top * width, pixels, top * width, (bottom - top) * width);
        }
    }

    void forgetSpokes() {
        tracedSize = 0;
        spokes = 0;
        left = width;
        top = height;
        right = 0;
        bottom = 0;
    }

    int left() {
        return left;
    }

    int top() {
        return top;
    }

    /** Width of the part of the image the spokes touch (0 if none). */
    int touchedWidth() {
        return Math.max(0, right - left);
    }

    int touchedHeight() {
        return Math.max(0, bottom - top);
    }

    /**
     * Traces the next spoke, a line of the given width, clipped to the image; returns its number for
     * {@link #fill}. A spoke wholly outside the image has no pixels.
     */
    int trace(double x0, double y0, double x1, double y1, double lineWidth) {
        if (spokes + 2 > starts.length) {
            starts = Arrays.copyOf(starts, starts.length * 2);
        }
        starts[spokes] = tracedSize;
        rasterise(x0, y0, x1, y1, lineWidth);
        starts[spokes + 1] = tracedSize;
        return spokes++;
    }

    /** Blends a colour (0xRRGGBB) at {@code alpha} (0 to 1) over the spoke's pixels (source over). */
    void fill(int spoke, int rgb, double alpha) {
        int strength = (int) (Math.max(0, Math.min(1, alpha)) * 256);
        if (strength == 0) {
            return;
        }
        int rb = rgb & 0xff00ff;
        int ag = 0xff0000 | (rgb >> 8) & 0xff;
        int[] into = pixels;
        for (int j = starts[spoke], end = starts[spoke + 1]; j < end; j++) {
            int p = traced[j];
            int i = p >>> 8;
            into[i] = over(into[i], rb, ag, ((p & 0xff) * strength) >> 8);
        }
    }

    private void rasterise(double x0, double y0, double x1, double y1, double lineWidth) {
        double half = lineWidth / 2;
        double dx = x1 - x0;
        double dy = y1 - y0;
        clipStart = 0;
        clipEnd = 1;
        if (!clip(-dx, x0 + half) || !clip(dx, width + half - x0)
                || !clip(-dy, y0 + half) || !clip(dy, height + half - y0)) {
            return;
        }
        double ax = x0 + clipStart * dx;
        double ay = y0 + clipStart * dy;
        double bx = x0 + clipEnd * dx;
        double by = y0 + clipEnd * dy;
        left = Math.max(0, Math.min(left, (int) Math.floor(Math.min(ax, bx) - half - 1)));
        top = Math.max(0, Math.min(top, (int) Math.floor(Math.min(ay, by) - half - 1)));
        right = Math.min(width, Math.max(right, (int) Math.ceil(Math.max(ax, bx) + half + 1)));
        bottom = Math.min(height, Math.max(bottom, (int) Math.ceil(Math.max(ay, by) + half + 1)));
        boolean steep = Math.abs(by - ay) > Math.abs(bx - ax);
        // Step along the major axis (u), one pixel at a time; cover the minor axis (v) by the line's width.
        double u0 = steep ? ay : ax;
        double v0 = steep ? ax : ay;
        double u1 = steep ? by : bx;
        double v1 = steep ? bx : by;
        if (u0 > u1) {
            double t = u0;
            u0 = u1;
            u1 = t;
            t = v0;
            v0 = v1;
            v1 = t;
        }
        if (u1 - u0 < 1e-9) {
            return;
        }
        double slope = (v1 - v0) / (u1 - u0);
        double thickness = half * Math.sqrt(1 + slope * slope);
        int majorSize = steep ? height : width;
        int minorSize = steep ? width : height;
        int first = Math.max(0, (int) Math.ceil(u0 - 0.5));
        int last = Math.min(majorSize - 1, (int) Math.floor(u1 - 0.5));
        int uStep = steep ? width : 1;
        int vStep = steep ? 1 : width;
        double v = v0 + slope * (first + 0.5 - u0);
        for (int u = first; u <= last; u++, v += slope) {
            double top = v - thickness;
            double bottom = v + thickness;
            int from = Math.max(0, (int) Math.floor(top));
            int to = Math.min(minorSize - 1, (int) Math.floor(bottom));
            int i = u * uStep + from * vStep;
            for (int q = from; q <= to; q++, i += vStep) {
                int cover = (int) ((Math.min(q + 1, bottom) - Math.max(q, top)) * 255 + 0.5);
                if (cover > 0) {
                    if (tracedSize == traced.length) {
                        traced = Arrays.copyOf(traced, traced.length * 2);
                    }
                    traced[tracedSize++] = i << 8 | Math.min(255, cover);
                }
            }
        }
    }

    /** One Liang–Barsky step: narrows [clipStart, clipEnd] to the side where p·t ≤ q; false if nothing is left. */
    private boolean clip(double p, double q) {
        if (p == 0) {
            return q >= 0;
        }
        double t = q / p;
        if (p < 0) {
            if (t > clipEnd) {
                return false;
            }
            clipStart = Math.max(clipStart, t);
        } else {
            if (t < clipStart) {
                return false;
            }
            clipEnd = Math.min(clipEnd, t);
        }
        return true;
    }

    /**
     * Source over of an opaque colour at coverage {@code a} (0–255) on a premultiplied pixel, two channels
     * per multiplication: {@code rb} holds red and blue (0x00RR00BB), {@code ag} alpha and green (0x00FF00GG).
     */
    static int over(int dst, int rb, int ag, int a) {
        int keep = 255 - a;
        int outRb = div255(rb * a + (dst & 0xff00ff) * keep);
        int outAg = div255(ag * a + (dst >>> 8 & 0xff00ff) * keep);
        return outAg << 8 | outRb;
    }

    /** Divides both 16-bit halves by 255, rounded. */
    private static int div255(int twoChannels) {
        int t = twoChannels + 0x800080;
        return (t + (t >>> 8 & 0xff00ff)) >>> 8 & 0xff00ff;
    }
}
