package org.symbi.app.ui;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DesktopNotifierTest {
    @Test
    void aLongTextIsCutToFitOnePopUpAndAShortOneIsLeftAlone() {
        String report = "Completed all 4 tasks in 11 s; changelog +2; review pass (static); merged "
                + "feature/req-mwqc728shlz-update-the-changelog-for-the-notes into main at 76cec1b.";

        assertThat(DesktopNotifier.shortened(report)).hasSize(DesktopNotifier.MAX_TEXT).endsWith("…")
                .startsWith("Completed all 4 tasks");
        assertThat(DesktopNotifier.shortened("Plan ready")).isEqualTo("Plan ready");
    }
}
