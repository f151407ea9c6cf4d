package org.symbi.kernel.lock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.symbi.kernel.ManualClock;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.protocol.Priority;
import org.symbi.store.Database;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConflictResolutionTest {
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final ManualClock clock = new ManualClock();
    private LockFixture f = fixture(ConflictPolicy.defaults(), VoterEligibility.INVOLVED_AGENTS);

    private LockFixture fixture(ConflictPolicy policy, VoterEligibility eligibility) {
        return new LockFixture(Database.inMemory("conflicts-" + UUID.randomUUID()), clock, policy, eligibility);
    }

    private void useVotingForContention() {
        f.close();
        f = fixture(ConflictPolicy.defaults().with(ConflictType.RESOURCE_CONTENTION, ResolutionStrategy.VOTING),
                VoterEligibility.INVOLVED_AGENTS);
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void contentionOpensOneConflictPerResourceThatLaterContendersJoin() {
        useVotingForContention();
        f.locks.acquire("a", "r", LEASE, Priority.NORMAL);

        LockOutcome b = f.locks.acquire("b", "r", LEASE, Priority.NORMAL);
        LockOutcome c = f.locks.acquire("c", "r", LEASE, Priority.HIGH);

        assertThat(b.granted()).isFalse();
        assertThat(b.holder()).isEqualTo("a");
        assertThat(b.conflictId()).isNotNull();
        assertThat(b.detail()).contains("held by a").contains("voting");
        assertThat(c.conflictId()).isEqualTo(b.conflictId());
        assertThat(f.locks.openConflicts()).singleElement().satisfies(conflict -> {
            assertThat(conflict.type()).isEqualTo(ConflictType.RESOURCE_CONTENTION);
            assertThat(conflict.involvedAgents()).containsExactly("a", "b", "c");
            assertThat(conflict.deadline()).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
        });
        assertThat(f.events(KernelEvent.ConflictOpened.class)).hasSize(1);
        assertThat(f.locks.conflictsOpened()).isEqualTo(1);
        assertThat(f.locks.conflictsResolved()).isZero();
    }

    @Test
    void higherPriorityContenderPreemptsTheHolder() {
        f.locks.acquire("a", "r", LEASE, Priority.NORMAL);

        LockOutcome b = f.locks.acquire("b", "r", Duration.ofSeconds(90), Priority.HIGH);

        assertThat(b.granted()).isTrue();
        assertThat(b.holder()).isEqualTo("b");
        assertThat(b.leaseUntil()).isEqualTo(clock.instant().plusSeconds(90).toEpochMilli());
        assertThat(f.locks.conflicts(10)).singleElement().satisfies(c -> {
            assertThat(c.strategy()).isEqualTo(ResolutionStrategy.PRIORITY_BASED);
            assertThat(c.open()).isFalse();
            assertThat(c.winner()).isEqualTo("b");
            assertThat(c.outcome()).isEqualTo("b at high outranks holder a at normal");
            assertThat(c.resolvedAt()).isEqualTo(clock.instant());
        });
        assertThat(f.events(KernelEvent.LockReleased.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).startsWith("preempted by b"));
        assertThat(f.locks.conflictsResolved()).isEqualTo(f.locks.conflictsOpened()).isEqualTo(1);
    }

    @Test
    void onAPriorityTieTheHolderKeepsTheLock() {
        f.locks.acquire("a", "r", LEASE, Priority.HIGH);

        LockOutcome b = f.locks.acquire("b", "r", LEASE, Priority.HIGH);
        LockOutcome c = f.locks.acquire("c", "r", LEASE, Priority.LOW);

        assertThat(b.granted()).isFalse();
        assertThat(b.holder()).isEqualTo("a");
        assertThat(b.detail()).contains("tie at high: holder a keeps it");
        assertThat(c.granted()).isFalse();
        assertThat(c.conflictId()).isNotEqualTo(b.conflictId());
        assertThat(f.locks.locks()).extracting(Lease::holder).containsExactly("a");
        assertThat(f.events(KernelEvent.LockReleased.class)).isEmpty();
        assertThat(f.events(KernelEvent.ConflictResolved.class)).extracting(KernelEvent.ConflictResolved::winner)
                .containsExactly("a", "a");
    }

    @Test
    void aMajorityOfEligibleVotersDecides() {
        useVotingForContention();
        f.locks.acquire("a", "r", LEASE, Priority.NORMAL);
        String id = f.locks.acquire("b", "r", LEASE, Priority.NORMAL).conflictId();
        f.locks.acquire("c", "r", LEASE, Priority.NORMAL);

        assertThat(f.locks.castVote(id, "a", "b").open()).isTrue();
        Conflict decided = f.locks.castVote(id, "c", "b");

        assertThat(decided.open()).isFalse();
        assertThat(decided.winner()).isEqualTo("b");
        assertThat(decided.outcome()).isEqualTo("majority vote: b has 2 of 3 eligible votes");
        assertThat(f.locks.locks()).extracting(Lease::holder).containsExactly("b");
        assertThat(f.locks.votes(id)).extracting(Vote::voterId).containsExactly("a", "c");
    }

    @Test
    void atTheTimeoutThePluralityOfCastVotesDecides() {
        Conflict c = f.locks.openConflict(ConflictType.PRIORITY_CLASH, "deploy", List.of("a", "b", "c"), null,
                Duration.ofMinutes(1));
        assertThat(c.strategy()).isEqualTo(ResolutionStrategy.VOTING);
        f.locks.castVote(c.conflictId(), "a", "c");

        clock.advance(Duration.ofSeconds(59));
        f.locks.tick();
        assertThat(f.locks.openConflicts()).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        f.locks.tick();
        assertThat(f.locks.conflicts(1)).singleElement().satisfies(done -> {
            assertThat(done.winner()).isEqualTo("c");
            assertThat(done.outcome()).isEqualTo("plurality of the votes cast at the timeout (c 1)");
        });
        assertThat(f.locks.locks()).extracting(Lease::holder).containsExactly("c");
    }

    @Test
    void aTiedVoteAtTheTimeoutFallsBackToPriority() {
        f.locks.acquire("b", "deploy", LEASE, Priority.CRITICAL);
        Conflict c = f.locks.openConflict(ConflictType.PRIORITY_CLASH, "deploy", List.of("a", "b"), null, null);
        f.locks.castVote(c.conflictId(), "a", "a");
        f.locks.castVote(c.conflictId(), "b", "b");

        clock.advance(Duration.ofMinutes(2));
        f.locks.tick();

        assertThat(f.locks.conflicts(1)).singleElement().satisfies(done -> {
            assertThat(done.winner()).isEqualTo("b");
            assertThat(done.outcome()).isEqualTo("vote tied at the timeout (a 1, b 1); fell back to priority_based: "
                    + "holder b keeps it: critical outranks every contender");
        });
    }

    @Test
    void noVotesByTheTimeoutFallsBackToPriority() {
        Conflict c = f.locks.openConflict(ConflictType.PRIORITY_CLASH, "deploy", List.of("a", "b"), null,
                Duration.ofSeconds(10));

        clock.advance(Duration.ofSeconds(10));
        f.locks.tick();

        Conflict done = f.locks.conflicts(1).getFirst();
        assertThat(done.conflictId()).isEqualTo(c.conflictId());
        assertThat(done.winner()).isEqualTo("a");
        assertThat(done.outcome()).isEqualTo("no votes by the timeout; fell back to priority_based: tie at normal: a asked first");
    }

    @Test
    void aSecondVoteIsRefusedAndNotCounted() {
        Conflict c = f.locks.openConflict(ConflictType.PRIORITY_CLASH, "deploy", List.of("a", "b", "c"), null, null);
        f.locks.castVote(c.conflictId(), "a", "b");

        assertThatThrownBy(() -> f.locks.castVote(c.conflictId(), "a", "c"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a already voted for b on conflict " + c.conflictId() + "; a vote cannot be cast twice or changed");
        assertThat(f.locks.votes(c.conflictId())).extracting(Vote::choice).containsExactly("b");
    }

    @Test
    void onlyEligibleVotersMayVote() {
        Conflict c = f.locks.openConflict(ConflictType.PRIORITY_CLASH, "deploy", List.of("a", "b"), null, null);

        assertThatThrownBy(() -> f.locks.castVote(c.conflictId(), "mallory", "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mallory may not vote").hasMessageContaining("eligible: a, b");
        assertThatThrownBy(() -> f.locks.castVote(c.conflictId(), "a", "nobody"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not involved");
        assertThat(f.locks.votes(c.conflictId())).isEmpty();
    }

    @Test
    void eligibilityCanWidenToPeople() {
        f.close();
        f = fixture(ConflictPolicy.defaults(), conflict -> {
            Set<String> voters = new LinkedHashSet<>(conflict.involvedAgents());
            voters.add("alice");
            return voters;
        });
        Conflict c = f.locks.openConflict(ConflictType.PRIORITY_CLASH, "deploy", List.of("a", "b"), null, null);

        f.locks.castVote(c.conflictId(), "alice", "b");
        Conflict done = f.locks.castVote(c.conflictId(), "b", "b");

        assertThat(done.winner()).isEqualTo("b");
        assertThat(done.outcome()).isEqualTo("majority vote: b has 2 of 3 eligible votes");
    }

    @Test
    void aPersonDecidesAnEscalation() {
        f.locks.acquire("a", "src/Main.java", LEASE, Priority.NORMAL);
        Conflict c = f.locks.openConflict(ConflictType.MERGE_CONFLICT, "src/Main.java", List.of("a", "b"), null, null);
        assertThat(c.strategy()).isEqualTo(ResolutionStrategy.HUMAN_ESCALATION);
        Escalation e = f.locks.openEscalations().getFirst();
        assertThat(e.conflictId()).isEqualTo(c.conflictId());
        assertThat(e.summary()).isEqualTo("merge_conflict on 'src/Main.java' between a, b; held by a");
        assertThat(e.deadline()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(f.events(KernelEvent.EscalationOpened.class)).singleElement()
                .satisfies(ev -> assertThat(ev.escalationId()).isEqualTo(e.escalationId()));

        Conflict done = f.locks.decideEscalation(e.escalationId(), "b", "alice");

        assertThat(done.winner()).isEqualTo("b");
        assertThat(done.outcome()).isEqualTo("decided by alice: b wins");
        assertThat(f.locks.locks()).extracting(Lease::holder).containsExactly("b");
        assertThat(f.locks.openEscalations()).isEmpty();
        assertThatThrownBy(() -> f.locks.decideEscalation(e.escalationId(), "a", "bob"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already closed (decided)");
    }

    @Test
    void anUndecidedEscalationFallsBackToPriorityAtTheTimeout() {
        f.locks.acquire("a", "src/Main.java", Duration.ofHours(1), Priority.HIGH);
        f.locks.openConflict(ConflictType.MERGE_CONFLICT, "src/Main.java", List.of("b", "a"), null, Duration.ofMinutes(10));

        clock.advance(Duration.ofMinutes(10));
        f.locks.tick();

        assertThat(f.locks.openEscalations()).isEmpty();
        assertThat(f.locks.conflicts(1)).singleElement().satisfies(done -> {
            assertThat(done.winner()).isEqualTo("a");
            assertThat(done.outcome()).isEqualTo("escalation timed out; fell back to priority_based: "
                    + "holder a keeps it: high outranks every contender");
        });
        assertThat(f.events(KernelEvent.ConflictResolved.class)).singleElement()
                .satisfies(ev -> assertThat(ev.strategy()).isEqualTo("human_escalation"));
    }
}
