package org.symbi.app.ui.alerts;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.app.ui.RoomFixture;
import org.symbi.app.ui.kit.Notifier.Severity;
import org.symbi.app.ui.kit.RoomFeed;
import org.symbi.app.ui.kit.Selection;
import org.symbi.app.ui.metrics.AgentActs;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.KernelConfig;
import org.symbi.store.Database;
import org.symbi.store.DataDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Alerts raised by a real room's kernel, as the alerts view holds them. */
class AlertsViewModelTest {
    @TempDir
    Path data;
    private RoomFixture room;
    private Kernel kernel;
    private AlertsViewModel model;

    @BeforeEach
    void open() throws Exception {
        room = RoomFixture.open(data);
        kernel = room.room().kernel();
        model = new AlertsViewModel(room.context());
        AgentActs.register(kernel, "coder-1", "java");
        AgentActs.register(kernel, "reviewer-1", "review");
    }

    @AfterEach
    void close() {
        room.close();
    }

    private Alert only(String title) {
        return model.alerts().stream().filter(a -> a.title().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no alert '" + title + "' among "
                        + model.alerts().stream().map(Alert::title).toList()));
    }

    @Test
    void anAgentGoingOfflineIsAWarningAndReachesTheDesktop() {
        kernel.registry().markOffline("coder-1", "connection lost");
        room.drain();

        Alert offline = only("Agent went offline");
        assertThat(offline.severity()).isEqualTo(Severity.WARNING);
        assertThat(offline.source()).isEqualTo("coder-1");
        assertThat(offline.detail()).isEqualTo("connection lost");
        assertThat(model.unacknowledgedProperty().get()).isEqualTo(1);
        assertThat(room.notifications()).singleElement().satisfies(n -> {
            assertThat(n.severity()).isEqualTo(Severity.WARNING);
            assertThat(n.title()).isEqualTo("Agent went offline");
            assertThat(n.text()).isEqualTo("coder-1: connection lost");
        });
    }

    @Test
    void aTrippedGuardIsAWarningAndAReportedErrorAnErrorNewestFirst() {
        assertThat(AgentActs.send(kernel, AgentActs.invite("coder-1", "reviewer-1").hopCount(17).build()).code())
                .isEqualTo("hop_limit");
        AgentActs.reportError(kernel, "reviewer-1", "tool_failed", "the linter crashed");
        room.drain();

        assertThat(model.alerts()).extracting(Alert::title)
                .containsExactly("Error reported: tool_failed", "Guard tripped: hop_limit");
        assertThat(only("Guard tripped: hop_limit").severity()).isEqualTo(Severity.WARNING);
        assertThat(only("Error reported: tool_failed")).satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.ERROR);
            assertThat(a.source()).isEqualTo("reviewer-1");
            assertThat(a.detail()).isEqualTo("the linter crashed");
        });
        // both came in one pulse: one notification sums them up
        assertThat(room.notifications()).singleElement().satisfies(n -> {
            assertThat(n.severity()).isEqualTo(Severity.ERROR);
            assertThat(n.title()).isEqualTo("2 new alerts");
            assertThat(n.text()).isEqualTo("1 error, 1 warning; latest: Error reported: tool_failed");
        });
    }

    @Test
    void aFailedLedgerVerificationIsAnError() {
        // The room's own database, reached as someone rewriting its file would. Not closed: closing shuts the
        // database down for the room too; the room's close does that.
        Database sameDatabase = Database.open(new DataDir(data));
        sameDatabase.inTransaction(c -> {
            try (var ps = c.prepareStatement("UPDATE ledger_entry SET subject = 'rewritten' WHERE seq = 0")) {
                return ps.executeUpdate();
            }
        });
        assertThat(kernel.verifyLedger(n -> { }).ok()).isFalse();
        room.drain();

        assertThat(only("Ledger verification failed")).satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.ERROR);
            assertThat(a.source()).isEqualTo("ledger");
            assertThat(a.detail()).contains("first bad entry: 0");
        });
    }

    @Test
    void acknowledgingOneOrAllUpdatesTheCount() {
        kernel.registry().markOffline("coder-1", "connection lost");
        AgentActs.reportError(kernel, "reviewer-1", "tool_failed", "the linter crashed");
        AgentActs.reportError(kernel, "reviewer-1", "tool_failed", "again");
        room.drain();
        assertThat(model.unacknowledgedProperty().get()).isEqualTo(3);
        assertThat(model.acknowledgeSelected().isExecutable()).isFalse();

        Alert offline = only("Agent went offline");
        model.selectedProperty().set(offline);
        assertThat(room.context().selection().selected()).isEqualTo(Selection.Target.agent("coder-1"));
        assertThat(model.acknowledgeSelected().execute()).isTrue();
        assertThat(offline.isAcknowledged()).isTrue();
        assertThat(model.unacknowledgedProperty().get()).isEqualTo(2);
        assertThat(model.acknowledgeSelected().isExecutable()).isFalse();

        model.unacknowledgedOnlyProperty().set(true);
        assertThat(model.alerts()).hasSize(2).doesNotContain(offline);

        assertThat(model.acknowledgeAll().execute()).isTrue();
        assertThat(model.unacknowledgedProperty().get()).isZero();
        assertThat(model.alerts()).isEmpty();
        assertThat(model.acknowledgeAll().isExecutable()).isFalse();
        assertThat(model.size()).isEqualTo(3);
    }

    @Test
    void severityFiltersHideWhatIsNotWanted() {
        kernel.registry().markOffline("coder-1", "connection lost");
        AgentActs.reportError(kernel, "reviewer-1", "tool_failed", "the linter crashed");
        room.drain();

        model.showWarningsProperty().set(false);
        assertThat(model.alerts()).extracting(Alert::severity).containsExactly(Severity.ERROR);
        model.showErrorsProperty().set(false);
        assertThat(model.alerts()).isEmpty();
        model.showWarningsProperty().set(true);
        assertThat(model.alerts()).extracting(Alert::severity).containsExactly(Severity.WARNING);
    }

    @Test
    void aStormOfAHundredAlertsInOnePulseRaisesOneNotification() {
        for (int i = 0; i < 100; i++) {
            AgentActs.reportError(kernel, "reviewer-1", "tool_failed", "failure " + i);
        }
        room.drain();

        assertThat(model.alerts()).hasSize(100);
        assertThat(model.alerts().getFirst().detail()).isEqualTo("failure 99");
        assertThat(room.notifications()).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("100 new alerts");
            assertThat(n.text()).isEqualTo("100 errors; latest: Error reported: tool_failed");
        });
    }

    @Test
    void alertsWithinTheHoldOffAreSummarisedOnceItHasPassed() {
        SettableClock clock = new SettableClock();
        List<String> told = new ArrayList<>();
        AlertsViewModel held = new AlertsViewModel(room.feed(), (severity, title, text) -> told.add(title),
                new Selection(), clock, Duration.ofSeconds(5));
        kernel.registry().markOffline("coder-1", "connection lost");
        room.drain();
        assertThat(told).containsExactly("Agent went offline");

        AgentActs.reportError(kernel, "reviewer-1", "tool_failed", "one");
        room.drain();
        clock.advance(Duration.ofSeconds(2));
        AgentActs.reportError(kernel, "reviewer-1", "tool_failed", "two");
        room.drain();
        assertThat(held.alerts()).hasSize(3);
        assertThat(told).containsExactly("Agent went offline");

        clock.advance(Duration.ofSeconds(4));
        room.drain();

        assertThat(told).containsExactly("Agent went offline", "2 new alerts");
    }

    @Test
    void aDeadLetteredMessageIsAnError(@TempDir Path elsewhere) {
        // Dead-lettering takes several ack timeouts, so this kernel runs on a clock the test moves.
        SettableClock clock = new SettableClock();
        KernelConfig config = KernelConfig.defaults().toBuilder().ackTimeout(Duration.ofSeconds(5)).maxDeliveries(2)
                .build();
        DataDir dir = new DataDir(elsewhere);
        try (Database db = Database.open(dir); Kernel timed = new Kernel(db, dir, config, clock);
             RoomFeed feed = new RoomFeed(Runnable::run, null)) {
            feed.connect(timed.events());
            AlertsViewModel alerts = new AlertsViewModel(feed, (severity, title, text) -> { }, new Selection(), clock,
                    Duration.ofSeconds(5));
            AgentActs.register(timed, "coder-1", "java");
            AgentActs.register(timed, "reviewer-1", "review");
            AtomicInteger deliveries = new AtomicInteger();
            timed.bus().attach("reviewer-1", delivery -> deliveries.incrementAndGet()); // and never acknowledges
            AgentActs.send(timed, AgentActs.invite("coder-1", "reviewer-1").build());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (deliveries.get() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }

            for (int i = 0; i < config.maxDeliveries() + 1 && alerts.size() == 0; i++) {
                clock.advance(config.ackTimeout().plusSeconds(1));
                timed.bus().tick();
                feed.drain();
            }

            assertThat(alerts.alerts()).singleElement().satisfies(a -> {
                assertThat(a.title()).isEqualTo("Message dead-lettered");
                assertThat(a.severity()).isEqualTo(Severity.ERROR);
                assertThat(a.source()).isEqualTo("reviewer-1");
                assertThat(a.detail()).contains("after 2 deliveries");
            });
        }
    }

    @Test
    void theListKeepsTheLatestFiveThousand() {
        int sent = AlertsViewModel.MAX_ALERTS + 100;
        for (int i = 0; i < sent; i++) {
            AgentActs.send(kernel, AgentActs.invite("coder-1", "reviewer-1").hopCount(17).build());
        }
        room.drain();

        assertThat(model.size()).isEqualTo(AlertsViewModel.MAX_ALERTS);
        assertThat(model.unacknowledgedProperty().get()).isEqualTo(AlertsViewModel.MAX_ALERTS);
        assertThat(room.notifications()).hasSize(1);
    }
}
