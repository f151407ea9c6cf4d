package org.symbi.app.ui.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each agent sits. The orchestrator is at the origin; each group (a tier, a repository) takes an
 * angular sector of the disc around it, as wide as its share of the agents, and its agents fill the sector
 * ring by ring from the inside out, in the order given. Spokes to the orchestrator stay short and the whole
 * room fits one screen. Pure arithmetic: computed in the view model and tested without JavaFX.
 */
final class TopologyLayout {
    /** Distance between neighbouring agents, in world units. */
    static final double SPACING = 16;
    /** Radius of the clear space around the orchestrator. */
    static final double CORE = 64;
    /** How far outside its outermost ring a group's label sits. */
    static final double LABEL_OFFSET = 1.8 * SPACING;
    private static final double MAX_GAP = 0.08;
    /** A sector narrower than this (radians) has too little room along the rim for its label. */
    private static final double NARROW = 0.9;

    private TopologyLayout() {
    }

    /** A group of agents, their ids in display order. */
    record Group(String name, List<String> ids) {
    }

    record Position(double x, double y) {
    }

    /**
     * A group's place on the disc. Its label sits at ({@code labelX}, {@code labelY}); {@code labelAnchor}
     * says which end of the text is there: -1 its right end (left half of the disc), 1 its left end, 0 its
     * centre (top and bottom), so that labels grow away from the disc.
     */
    record Sector(String name, int size, double startAngle, double endAngle, double labelX, double labelY,
                  int labelAnchor) {
    }

    /** @param extent how far from the orchestrator the farthest agent or label reaches */
    record Result(Map<String, Position> positions, List<Sector> sectors, double extent) {
        static final Result EMPTY = new Result(Map.of(), List.of(), CORE);
    }

    static Result compute(List<Group> groups) {
        List<Group> present = groups.stream().filter(g -> !g.ids().isEmpty()).toList();
        int total = present.stream().mapToInt(g -> g.ids().size()).sum();
        if (total == 0) {
            return Result.EMPTY;
        }
        double gap = present.size() > 1 ? Math.min(MAX_GAP, Math.PI / 2 / present.size()) : 0;
        double[] spans = spans(present, total, 2 * Math.PI - gap * present.size());
        Map<String, Position> positions = new HashMap<>(total * 2);
        List<Sector> sectors = new ArrayList<>(present.size());
        double extent = CORE;
        double angle = -Math.PI / 2 + gap / 2;
        for (int i = 0; i < present.size(); i++) {
            Group g = present.get(i);
            double outer = place(g.ids(), angle, spans[i], positions);
            double mid = angle + spans[i] / 2;
            // Neighbouring narrow sectors take turns at two distances, so that their labels do not collide.
            int n = spans.length;
            boolean stagger = n > 1 && i % 2 == 1 && spans[i] < NARROW
                    && (spans[i - 1] < NARROW || spans[(i + 1) % n] < NARROW);
            double labelRadius = outer + LABEL_OFFSET + (stagger ? LABEL_OFFSET : 0);
            double cos = Math.cos(mid);
            int anchor = Math.abs(cos) < 0.35 ? 0 : cos < 0 ? -1 : 1;
            sectors.add(new Sector(g.name(), g.ids().size(), angle, angle + spans[i],
                    labelRadius * cos, labelRadius * Math.sin(mid), anchor));
            extent = Math.max(extent, labelRadius);
            angle += spans[i] + gap;
        }
        return new Result(positions, List.copyOf(sectors), extent);
    }

    /**
     * Each group's angle: its share of the agents, but at least enough for its agents to fit in about as many
     * rings as a square of them would have rows, so that a small group forms a compact patch near the
     * orchestrator rather than a thin line running outwards. Scaled together to fill the circle.
     */
    private static double[] spans(List<Group> groups, int total, double usable) {
        double[] spans = new double[groups.size()];
        double sum = 0;
        for (int i = 0; i < spans.length; i++) {
            int size = groups.get(i).ids().size();
            int rings = (int) Math.ceil(Math.sqrt(size));
            double ringLengths = rings * CORE + SPACING * rings * (rings - 1) / 2.0;
            spans[i] = Math.max((double) size / total, size * SPACING / ringLengths / (2 * Math.PI));
            sum += spans[i];
        }
        for (int i = 0; i < spans.length; i++) {
            spans[i] = spans[i] / sum * usable;
        }
        return spans;
    }

    /** Places ids ring by ring inside [start, start + span]; returns the radius of the outermost ring used. */
    private static double place(List<String> ids, double start, double span, Map<String, Position> out) {
        int next = 0;
        double radius = CORE;
        for (int ring = 0; next < ids.size(); ring++) {
            radius = CORE + ring * SPACING;
            int slots = (int) Math.floor(span * radius / SPACING);
            if (slots == 0) {
                continue;
            }
            int here = Math.min(slots, ids.size() - next);
            double offset = (slots - here) / 2.0;
            for (int j = 0; j < here; j++) {
                double a = start + span * (j + 0.5 + offset) / slots;
                out.put(ids.get(next++), new Position(radius * Math.cos(a), radius * Math.sin(a)));
            }
        }
        return radius;
    }
}
