import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The room's emblem, drawn at build time: an orchestrator in the middle of a ring of six agents it connects, on a
 * dark rounded tile. Written as a PNG (Linux), an ICO (Windows) and an ICNS (macOS), each holding PNG images.
 */
final class Emblem {
    private static final Color TILE_TOP = new Color(0x2A3A66);
    private static final Color TILE_BOTTOM = new Color(0x141B2E);
    private static final Color LINK = new Color(0x8FB8FF);
    private static final Color AGENT = new Color(0x6CB6FF);
    private static final Color CORE_LIGHT = new Color(0xFFD36B);
    private static final Color CORE_DARK = new Color(0xF29A38);
    private static final int AGENTS = 6;

    private Emblem() {
    }

    /** Writes symbi.png, symbi.ico and symbi.icns into {@code dir}. */
    static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("symbi.png"), png(256));
        Files.write(dir.resolve("symbi.ico"), ico(List.of(16, 24, 32, 48, 64, 256)));
        Map<String, Integer> icnsTypes = new LinkedHashMap<>();
        icnsTypes.put("icp4", 16);
        icnsTypes.put("icp5", 32);
        icnsTypes.put("icp6", 64);
        icnsTypes.put("ic07", 128);
        icnsTypes.put("ic08", 256);
        icnsTypes.put("ic09", 512);
        icnsTypes.put("ic10", 1024);
        Files.write(dir.resolve("symbi.icns"), icns(icnsTypes));
    }

    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            double s = size;
            double inset = s * 0.04;
            g.setPaint(new GradientPaint(0, 0, TILE_TOP, (float) s, (float) s, TILE_BOTTOM));
            g.fill(new RoundRectangle2D.Double(inset, inset, s - 2 * inset, s - 2 * inset, s * 0.44, s * 0.44));

            double c = s / 2;
            double ring = s * 0.30;
            double[][] agents = new double[AGENTS][];
            for (int i = 0; i < AGENTS; i++) {
                double angle = Math.toRadians(-90 + i * 360.0 / AGENTS);
                agents[i] = new double[] {c + ring * Math.cos(angle), c + ring * Math.sin(angle)};
            }
            g.setStroke(new BasicStroke((float) Math.max(1, s * 0.014), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(withAlpha(LINK, 110));
            for (int i = 0; i < AGENTS; i++) {
                double[] a = agents[i];
                double[] b = agents[(i + 1) % AGENTS];
                g.draw(new Line2D.Double(a[0], a[1], b[0], b[1]));
            }
            g.setStroke(new BasicStroke((float) Math.max(1, s * 0.022), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(withAlpha(LINK, 190));
            for (double[] a : agents) {
                g.draw(new Line2D.Double(c, c, a[0], a[1]));
            }
            double agentRadius = s * 0.062;
            for (double[] a : agents) {
                g.setColor(AGENT);
                g.fill(circle(a[0], a[1], agentRadius));
                g.setColor(withAlpha(Color.WHITE, 200));
                g.fill(circle(a[0] - agentRadius * 0.25, a[1] - agentRadius * 0.25, agentRadius * 0.35));
            }
            double core = s * 0.125;
            g.setColor(TILE_BOTTOM);
            g.fill(circle(c, c, core * 1.5));
            g.setStroke(new BasicStroke((float) Math.max(1, s * 0.012)));
            g.setColor(withAlpha(CORE_LIGHT, 150));
            g.draw(circle(c, c, core * 1.38));
            g.setPaint(new GradientPaint((float) (c - core), (float) (c - core), CORE_LIGHT,
                    (float) (c + core), (float) (c + core), CORE_DARK));
            g.fill(circle(c, c, core));
            g.setColor(TILE_BOTTOM);
            g.fill(circle(c, c, core * 0.42));
        } finally {
            g.dispose();
        }
        return image;
    }

    private static Ellipse2D circle(double x, double y, double r) {
        return new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
    }

    private static Color withAlpha(Color color, int alpha) {
        return new Color(color.getRed(), color.getGreen(), color.getBlue(), alpha);
    }

    static byte[] png(int size) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(draw(size), "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** An ICO file: a directory of entries, each a PNG image (supported since Windows Vista). */
    static byte[] ico(List<Integer> sizes) {
        List<byte[]> images = new ArrayList<>();
        sizes.forEach(size -> images.add(png(size)));
        int offset = 6 + 16 * sizes.size();
        int total = offset + images.stream().mapToInt(b -> b.length).sum();
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        out.putShort((short) 0).putShort((short) 1).putShort((short) sizes.size());
        for (int i = 0; i < sizes.size(); i++) {
            int size = sizes.get(i);
            byte side = (byte) (size >= 256 ? 0 : size); // 0 stands for 256
            out.put(side).put(side).put((byte) 0).put((byte) 0);
            out.putShort((short) 1).putShort((short) 32);
            out.putInt(images.get(i).length).putInt(offset);
            offset += images.get(i).length;
        }
        images.forEach(out::put);
        return out.array();
    }

    /** An ICNS file: big-endian "icns" header, then one typed PNG element per size. */
    static byte[] icns(Map<String, Integer> sizesByType) {
        ByteArrayOutputStream elements = new ByteArrayOutputStream();
        sizesByType.forEach((type, size) -> {
            byte[] image = png(size);
            elements.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
            elements.writeBytes(ByteBuffer.allocate(4).putInt(8 + image.length).array());
            elements.writeBytes(image);
        });
        ByteBuffer out = ByteBuffer.allocate(8 + elements.size());
        out.put("icns".getBytes(StandardCharsets.US_ASCII)).putInt(8 + elements.size());
        out.put(elements.toByteArray());
        return out.array();
    }
}
