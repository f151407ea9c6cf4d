package org.symbi.kernel.lock;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.ManualClock;
import org.symbi.kernel.events.EventStream;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.kernel.registry.AgentRegistry;
import org.symbi.protocol.Priority;
import org.symbi.store.Database;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class LockLeaseTest {
    private final ManualClock clock = new ManualClock();
    private final LockFixture f = new LockFixture(Database.inMemory("locks-" + UUID.randomUUID()), clock);

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void grantsAFreeResourceAndRefusesReleaseByAnotherAgent() {
        LockOutcome got = f.locks.acquire("a", "repo/main", Duration.ofSeconds(30), Priority.NORMAL);
        assertThat(got.granted()).isTrue();
        assertThat(got.holder()).isEqualTo("a");
        assertThat(got.leaseUntil()).isEqualTo(clock.instant().plusSeconds(30).toEpochMilli());

        LockOutcome refused = f.locks.release("b", "repo/main");
        assertThat(refused.granted()).isFalse();
        assertThat(refused.holder()).isEqualTo("a");
        assertThat(refused.detail()).contains("held by a, not by b").contains("only the holder");
        assertThat(f.locks.locks()).extracting(Lease::holder).containsExactly("a");

        assertThat(f.locks.release("a", "repo/main").granted()).isTrue();
        assertThat(f.locks.locks()).isEmpty();
        assertThat(f.events(KernelEvent.LockReleased.class)).extracting(KernelEvent.LockReleased::reason)
                .containsExactly("released by holder");
    }

    @Test
    void leaseExpiryReleasesOnTick() {
        f.locks.acquire("a", "r", Duration.ofSeconds(30), Priority.NORMAL);
        clock.advance(Duration.ofSeconds(29));
        f.locks.tick();
        assertThat(f.locks.locks()).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        f.locks.tick();
        assertThat(f.locks.locks()).isEmpty();
        assertThat(f.events(KernelEvent.LockReleased.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo("lease expired"));
    }

    @Test
    void betweenDeadlinesTheTickLeavesTheDatabaseAloneAndALaterLockIsStillEndedOnTime() {
        f.locks.tick(); // nothing held: nothing is due, ever

        f.locks.acquire("a", "r", Duration.ofSeconds(30), Priority.NORMAL);
        clock.advance(Duration.ofSeconds(10));
        f.locks.tick(); // due in 20 s
        f.locks.acquire("b", "s", Duration.ofSeconds(5), Priority.NORMAL);
        clock.advance(Duration.ofSeconds(5));
        f.locks.tick();
        assertThat(f.locks.locks()).extracting(Lease::holder).containsExactly("a");

        clock.advance(Duration.ofSeconds(14));
        f.db.close();
        f.locks.tick(); // the first lease ends in 1 s: no query, so no failure on the closed database
    }

    @Test
    void holderRenewsItsLease() {
        f.locks.acquire("a", "r", Duration.ofSeconds(30), Priority.NORMAL);
        clock.advance(Duration.ofSeconds(20));
        LockOutcome renewed = f.locks.acquire("a", "r", Duration.ofSeconds(30), Priority.NORMAL);
        assertThat(renewed.granted()).isTrue();
        assertThat(renewed.conflictId()).isNull();
        assertThat(renewed.detail()).isEqualTo("lease renewed");

        clock.advance(Duration.ofSeconds(20));
        f.locks.tick();
        assertThat(f.locks.locks()).singleElement().satisfies(l -> {
            assertThat(l.holder()).isEqualTo("a");
            assertThat(l.leaseUntil()).isEqualTo(clock.instant().plusSeconds(10));
        });
        assertThat(f.locks.openConflicts()).isEmpty();
    }

    @Test
    void holderGoingOfflineReleasesAllItsLocks() {
        f.locks.acquire("a", "r1", Duration.ofMinutes(5), Priority.NORMAL);
        f.locks.acquire("a", "r2", Duration.ofMinutes(5), Priority.NORMAL);
        f.locks.acquire("b", "r3", Duration.ofMinutes(5), Priority.NORMAL);

        f.locks.onAgentOffline("a");

        assertThat(f.locks.locks()).extracting(Lease::resource).containsExactly("r3");
        assertThat(f.events(KernelEvent.LockReleased.class))
                .extracting(KernelEvent.LockReleased::resource, KernelEvent.LockReleased::reason)
                .containsExactlyInAnyOrder(tuple("r1", "holder offline"),
                        tuple("r2", "holder offline"));
    }

    @Test
    void releasePassesTheLockToTheWaitingContender() {
        try (LockFixture voting = new LockFixture(Database.inMemory("locks-" + UUID.randomUUID()), clock,
                ConflictPolicy.defaults().with(ConflictType.RESOURCE_CONTENTION, ResolutionStrategy.VOTING),
                VoterEligibility.INVOLVED_AGENTS)) {
            voting.locks.acquire("a", "r", Duration.ofMinutes(1), Priority.NORMAL);
            LockOutcome waiting = voting.locks.acquire("b", "r", Duration.ofSeconds(45), Priority.LOW);
            assertThat(waiting.granted()).isFalse();

            LockOutcome released = voting.locks.release("a", "r");

            assertThat(released.granted()).isTrue();
            assertThat(released.holder()).isEqualTo("b");
            assertThat(voting.locks.locks()).singleElement()
                    .satisfies(l -> assertThat(l.leaseUntil()).isEqualTo(clock.instant().plusSeconds(45)));
            assertThat(voting.locks.conflicts(1)).singleElement().satisfies(c -> {
                assertThat(c.open()).isFalse();
                assertThat(c.winner()).isEqualTo("b");
                assertThat(c.outcome()).startsWith("a released the lock while the conflict was open");
            });
        }
    }

    @Test
    void refusesLeasesOutsideTheAllowedRange() {
        assertThatThrownBy(() -> f.locks.acquire("a", "r", Duration.ZERO, Priority.NORMAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lease");
        assertThatThrownBy(() -> f.locks.acquire("a", "r", Duration.ofDays(2), Priority.NORMAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lease");
    }

    @Test
    void restartKeepsLocksAndTheirExpiry(@TempDir Path dir) {
        String location = "file:" + dir.resolve("room");
        Instant leaseUntil;
        try (Database db = Database.open(location)) {
            EventStream events = new EventStream();
            AgentRegistry registry = new AgentRegistry(db, new ObjectMapper(), clock, events, Duration.ofSeconds(10), 100);
            LockManager before = new LockManager(db, KernelConfig.defaults(), clock, events, registry);
            leaseUntil = Instant.ofEpochMilli(before.acquire("a", "r", Duration.ofSeconds(60), Priority.HIGH).leaseUntil());
        }
        clock.advance(Duration.ofSeconds(30));

        try (LockFixture after = new LockFixture(Database.open(location), clock)) {
            after.locks.tick();
            assertThat(after.locks.locks()).singleElement().satisfies(l -> {
                assertThat(l.holder()).isEqualTo("a");
                assertThat(l.priority()).isEqualTo(Priority.HIGH);
                assertThat(l.leaseUntil()).isEqualTo(leaseUntil);
            });
            assertThat(after.locks.acquire("b", "r", Duration.ofSeconds(10), Priority.NORMAL).granted()).isFalse();

            clock.advance(Duration.ofSeconds(30));
            after.locks.tick();
            assertThat(after.locks.locks()).isEmpty();
        }
    }
}
