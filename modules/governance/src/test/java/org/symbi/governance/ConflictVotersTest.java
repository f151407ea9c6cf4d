package org.symbi.governance;

import org.junit.jupiter.api.Test;
import org.symbi.store.Database;

import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ConflictVotersTest {
    @Test
    void agentsInvolvedAndPeopleOfTheVoterGroupsVote() throws Exception {
        List<String> audit = new ArrayList<>();
        try (Database db = Database.inMemory("conflict-voters")) {
            ApproverRegistry approvers = new ApproverRegistry(db, (actor, action, subject, outcome, payload) -> audit.add(action));
            KeyPairGenerator keys = KeyPairGenerator.getInstance("Ed25519");
            approvers.register("dana", "Dana", Set.of("maintainers"), keys.generateKeyPair().getPublic());
            approvers.register("lee", "Lee", Set.of("release-managers"), keys.generateKeyPair().getPublic());

            ConflictVoters voters = new ConflictVoters(approvers, Set.of("maintainers"));

            assertThat(voters.eligibleVoters(Set.of("coder-1", "coder-2")))
                    .containsExactlyInAnyOrder("coder-1", "coder-2", "dana");
        }
    }
}
