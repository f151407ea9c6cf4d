package org.symbi.app.ui.topology;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ViewportTest {
    private final Viewport viewport = new Viewport();

    @Test
    void fitsTheRoomInTheMiddleUntilThePersonMovesIt() {
        viewport.resize(800, 600);
        viewport.extentChanged(300);
        assertThat(viewport.screenX(0)).isEqualTo(400);
        assertThat(viewport.screenY(0)).isEqualTo(300);
        assertThat(viewport.screenY(300) - viewport.screenY(-300)).isCloseTo((600 - 2 * Viewport.MARGIN) / Viewport.LABEL_ROOM, within(1e-9));

        viewport.panBy(50, 0);
        viewport.extentChanged(600);
        assertThat(viewport.screenX(0)).isEqualTo(450);

        viewport.fit();
        assertThat(viewport.screenX(0)).isEqualTo(400);
        assertThat(viewport.screenY(600) - viewport.screenY(-600)).isCloseTo((600 - 2 * Viewport.MARGIN) / Viewport.LABEL_ROOM, within(1e-9));
    }

    @Test
    void zoomingKeepsThePointUnderTheMouseInPlace() {
        viewport.resize(800, 600);
        viewport.extentChanged(200);
        double worldX = 37;
        double worldY = -12;
        double sx = viewport.screenX(worldX);
        double sy = viewport.screenY(worldY);
        double before = viewport.zoomProperty().get();

        viewport.zoomAt(1.7, sx, sy);

        assertThat(viewport.zoomProperty().get()).isCloseTo(before * 1.7, within(1e-9));
        assertThat(viewport.screenX(worldX)).isCloseTo(sx, within(1e-9));
        assertThat(viewport.screenY(worldY)).isCloseTo(sy, within(1e-9));
    }

    @Test
    void zoomStaysWithinItsLimits() {
        viewport.resize(800, 600);
        viewport.zoomBy(1e6);
        assertThat(viewport.zoomProperty().get()).isEqualTo(Viewport.MAX_ZOOM);
        viewport.zoomBy(1e-9);
        assertThat(viewport.zoomProperty().get()).isEqualTo(Viewport.MIN_ZOOM);
    }

    @Test
    void centringBringsAPointToTheMiddleCloseEnoughToRead() {
        viewport.resize(800, 600);
        viewport.extentChanged(400);

        viewport.centreOn(120, -80, 2.5);

        assertThat(viewport.zoomProperty().get()).isEqualTo(2.5);
        assertThat(viewport.screenX(120)).isCloseTo(400, within(1e-9));
        assertThat(viewport.screenY(-80)).isCloseTo(300, within(1e-9));
    }
}
