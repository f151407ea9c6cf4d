package org.symbi.governance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VotingServiceTest {
    @TempDir
    Path tmp;

    @Test
    void agentsAndPeopleVoteOnceAndTheMajorityIsRecorded() {
        try (Fixture f = new Fixture(tmp, "votes").withApprovers()) {
            VotingService votes = new VotingService(f.db, f.approvers, Set.of("maintainers"), f.clock, f.audit);
            Set<String> eligible = votes.eligibleVoters("c-1", Set.of("agent-a", "agent-b"));
            assertThat(eligible).containsExactlyInAnyOrder("agent-a", "agent-b", "alice", "bob");

            String id = votes.open("c-1", "whose edit wins?", List.of("agent-a", "agent-b"), eligible, Duration.ofMinutes(10));
            votes.cast(id, "agent-a", "agent-a");
            assertThatThrownBy(() -> votes.cast(id, "agent-a", "agent-b")).hasMessageContaining("already voted");
            assertThatThrownBy(() -> votes.cast(id, "carol", "agent-a")).hasMessageContaining("may not vote");
            votes.cast(id, "alice", "agent-a");
            Tally t = votes.cast(id, "bob", "agent-b");
            assertThat(t.winner()).isEqualTo("agent-a");
            assertThat(t.closed()).isFalse();

            f.clock.advance(Duration.ofMinutes(11));
            votes.tick();
            assertThat(votes.tally(id).closed()).isTrue();
            assertThat(f.audit.entries).anyMatch(e -> e.action().equals("vote.close") && e.outcome().equals("agent-a"));
        }
    }
}
