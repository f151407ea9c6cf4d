package org.symbi.app.ui.topology;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpokeRasterTest {
    private static final int RED = 0xff0000;
    private final SpokeRaster raster = new SpokeRaster();

    @BeforeEach
    void size() {
        raster.resize(40, 30);
    }

    private void line(double x0, double y0, double x1, double y1, int rgb, double alpha, double width) {
        raster.fill(raster.trace(x0, y0, x1, y1, width), rgb, alpha);
    }

    private int at(int x, int y) {
        return raster.pixels()[y * raster.width() + x];
    }

    private static int alpha(int argb) {
        return argb >>> 24;
    }

    @Test
    void aHorizontalLineFillsItsRowAndNothingElse() {
        line(2, 10.5, 9, 10.5, RED, 1, 1);

        for (int x = 2; x < 9; x++) {
            assertThat(at(x, 10)).isEqualTo(0xffff0000);
        }
        assertThat(at(5, 9)).isZero();
        assertThat(at(5, 11)).isZero();
        assertThat(at(1, 10)).isZero();
        assertThat(at(9, 10)).isZero();
    }

    @Test
    void alphaAndPartialCoverageBlendPremultiplied() {
        line(0, 5.5, 20, 5.5, RED, 0.5, 1);
        assertThat(alpha(at(3, 5))).isBetween(127, 128);
        assertThat(at(3, 5) & 0xffffff).isEqualTo(alpha(at(3, 5)) << 16);

        line(0, 20, 20, 20, RED, 1, 1);
        // The line straddles rows 19 and 20: half of each pixel is covered.
        assertThat(alpha(at(3, 19))).isBetween(127, 128);
        assertThat(alpha(at(3, 20))).isBetween(127, 128);
    }

    @Test
    void aSteepDiagonalIsUnbrokenAndStaysInItsBox() {
        line(5, 2, 12, 27, RED, 1, 1);

        for (int y = 2; y < 27; y++) {
            int row = y;
            assertThat(java.util.stream.IntStream.range(0, 40).anyMatch(x -> alpha(at(x, row)) > 100))
                    .as("row %d is covered", y).isTrue();
        }
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                if (x < 4 || x > 13) {
                    assertThat(at(x, y)).as("(%d, %d)", x, y).isZero();
                }
            }
        }
    }

    @Test
    void linesOutsideAreClippedWithoutHarm() {
        line(-100, -50, -10, -5, RED, 1, 2);
        line(50, 40, 900, 4000, RED, 1, 2);
        assertThat(raster.pixels()).containsOnly(0);

        line(-1000, 15.5, 1000, 15.5, RED, 1, 1);
        assertThat(at(0, 15)).isEqualTo(0xffff0000);
        assertThat(at(39, 15)).isEqualTo(0xffff0000);
    }

    @Test
    void theTouchedPartCoversEverySpokeAndNoMore() {
        raster.forgetSpokes();
        assertThat(raster.touchedWidth()).isZero();

        line(10, 5, 20, 5, RED, 1, 1);
        line(12, 20, 15, 9, RED, 1, 1);

        assertThat(raster.left()).isBetween(7, 10);
        assertThat(raster.top()).isBetween(2, 5);
        assertThat(raster.left() + raster.touchedWidth()).isBetween(20, 23);
        assertThat(raster.top() + raster.touchedHeight()).isBetween(20, 23);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                boolean inside = x >= raster.left() && x < raster.left() + raster.touchedWidth()
                        && y >= raster.top() && y < raster.top() + raster.touchedHeight();
                if (!inside) {
                    assertThat(at(x, y)).as("(%d, %d)", x, y).isZero();
                }
            }
        }
    }

    @Test
    void eachFrameStartsFromTheSavedBase() {
        raster.clear(0xff000000);
        raster.forgetSpokes();
        line(0, 3.5, 40, 3.5, RED, 1, 1);
        raster.saveBase();
        int green = raster.trace(0, 7.5, 40, 7.5, 1);
        raster.fill(green, 0x00ff00, 1);
        assertThat(at(10, 7)).isEqualTo(0xff00ff00);

        raster.restoreBase();
        assertThat(at(10, 7)).isEqualTo(0xff000000);
        assertThat(at(10, 3)).isEqualTo(0xffff0000);
        raster.fill(green, 0x00ff00, 0.5);
        assertThat(alpha(at(10, 7))).isEqualTo(255);
        assertThat(at(10, 7) >> 8 & 0xff).isBetween(127, 128);
    }

    @Test
    void sourceOverKeepsWhatShowsThrough() {
        int halfGreenOverRed = SpokeRaster.over(0xffff0000, 0x000000, 0xff00ff, 128);
        assertThat(halfGreenOverRed >>> 24).isEqualTo(255);
        assertThat((halfGreenOverRed >> 16) & 0xff).isBetween(126, 128);
        assertThat((halfGreenOverRed >> 8) & 0xff).isBetween(127, 129);
    }
}
