package org.symbi.app.ui.topology;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TopologyLayoutTest {
    private static TopologyLayout.Group group(String name, int size) {
        return new TopologyLayout.Group(name, IntStream.range(0, size).mapToObj(i -> name + "-" + i).toList());
    }

    private static double angleOf(TopologyLayout.Position p) {
        return Math.atan2(p.y(), p.x());
    }

    /** True if angle a lies in [start, end] on the circle (angles in radians, any turn). */
    private static boolean inSector(double a, double start, double end) {
        double span = end - start;
        double offset = ((a - start) % (2 * Math.PI) + 2 * Math.PI) % (2 * Math.PI);
        return offset <= span + 1e-9;
    }

    @Test
    void aThousandAgentsGetDistinctPlacesWithRoomBetweenThem() {
        TopologyLayout.Result r = TopologyLayout.compute(List.of(group("manager", 20), group("specialist", 180),
                group("worker", 750), group("monitor", 50)));

        List<TopologyLayout.Position> places = new ArrayList<>(r.positions().values());
        assertThat(places).hasSize(1000);
        double closest = Double.MAX_VALUE;
        for (int i = 0; i < places.size(); i++) {
            for (int j = i + 1; j < places.size(); j++) {
                closest = Math.min(closest, Math.hypot(places.get(i).x() - places.get(j).x(),
                        places.get(i).y() - places.get(j).y()));
            }
        }
        assertThat(closest).isGreaterThanOrEqualTo(TopologyLayout.SPACING * 0.9);
        assertThat(places).allSatisfy(p -> assertThat(Math.hypot(p.x(), p.y()))
                .isGreaterThanOrEqualTo(TopologyLayout.CORE - 1e-9).isLessThan(r.extent()));
        // About the disc a thousand agents at this spacing need, not a ring around a hole.
        assertThat(r.extent()).isLessThan(400);
    }

    @Test
    void eachGroupKeepsToItsOwnSectorInOrder() {
        TopologyLayout.Result r = TopologyLayout.compute(List.of(group("manager", 5), group("worker", 300),
                group("monitor", 40)));

        assertThat(r.sectors()).extracting(TopologyLayout.Sector::name).containsExactly("manager", "worker", "monitor");
        assertThat(r.sectors()).extracting(TopologyLayout.Sector::size).containsExactly(5, 300, 40);
        for (TopologyLayout.Sector s : r.sectors()) {
            r.positions().entrySet().stream().filter(e -> e.getKey().startsWith(s.name() + "-")).map(Map.Entry::getValue)
                    .forEach(p -> assertThat(inSector(angleOf(p), s.startAngle(), s.endAngle()))
                            .as("%s at angle %f in [%f, %f]", s.name(), angleOf(p), s.startAngle(), s.endAngle()).isTrue());
        }
        TopologyLayout.Sector worker = r.sectors().get(1);
        TopologyLayout.Sector monitor = r.sectors().get(2);
        assertThat(worker.endAngle() - worker.startAngle()).isGreaterThan(5 * (monitor.endAngle() - monitor.startAngle()));
    }

    @Test
    void aTinyGroupAmongManySitsNearTheOthersNotFarOut() {
        TopologyLayout.Result r = TopologyLayout.compute(List.of(group("lonely", 1), group("crowd", 999)));

        TopologyLayout.Position lonely = r.positions().get("lonely-0");
        double crowdReach = r.positions().entrySet().stream().filter(e -> e.getKey().startsWith("crowd"))
                .mapToDouble(e -> Math.hypot(e.getValue().x(), e.getValue().y())).max().orElseThrow();
        assertThat(Math.hypot(lonely.x(), lonely.y())).isLessThanOrEqualTo(crowdReach);
    }

    @Test
    void oneGroupWrapsAllAroundTheOrchestratorStartingAtTheTop() {
        TopologyLayout.Result r = TopologyLayout.compute(List.of(group("worker", 60)));

        assertThat(r.positions().values()).anySatisfy(p -> assertThat(p.x()).isLessThan(-TopologyLayout.CORE / 2));
        assertThat(r.positions().values()).anySatisfy(p -> assertThat(p.x()).isGreaterThan(TopologyLayout.CORE / 2));
        assertThat(r.positions().values()).anySatisfy(p -> assertThat(p.y()).isGreaterThan(TopologyLayout.CORE / 2));
        TopologyLayout.Position first = r.positions().get("worker-0");
        assertThat(first.y()).isLessThan(0);
    }

    @Test
    void labelsSitOutsideTheirSectorAndGrowAwayFromTheDisc() {
        TopologyLayout.Result r = TopologyLayout.compute(List.of(group("a", 100), group("b", 100), group("c", 100),
                group("d", 100)));

        for (TopologyLayout.Sector s : r.sectors()) {
            assertThat(Math.hypot(s.labelX(), s.labelY())).isCloseTo(r.extent(), within(TopologyLayout.SPACING * 2));
            int expected = Math.abs(s.labelX()) < 0.35 * Math.hypot(s.labelX(), s.labelY()) ? 0 : s.labelX() < 0 ? -1 : 1;
            assertThat(s.labelAnchor()).isEqualTo(expected);
        }
        assertThat(r.sectors()).extracting(TopologyLayout.Sector::labelAnchor).contains(-1, 1);
    }

    @Test
    void noAgentsNoSectors() {
        TopologyLayout.Result r = TopologyLayout.compute(List.of(group("worker", 0)));

        assertThat(r.positions()).isEmpty();
        assertThat(r.sectors()).isEmpty();
        assertThat(r.extent()).isEqualTo(TopologyLayout.CORE);
    }
}
