package org.symbi.governance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.symbi.governance.Decision.Outcome.ALLOWED;
import static org.symbi.governance.Decision.Outcome.DENIED;
import static org.symbi.governance.Decision.Outcome.PENDING;
import static org.symbi.governance.Fixture.action;

class GovernanceTest {
    @TempDir
    Path tmp;

    @Test
    void theDefaultPolicyAllowsReadsAndFeaturePushesUnderAPhaseWarrantAndGatesTheRest() {
        try (Fixture f = new Fixture(tmp, "defaults").withApprovers()) {
            Governance g = f.governance;
            f.warrant("coder", WarrantScope.kinds("file.read", "git.push", "git.merge", "deploy", "repo.delete"));

            assertThat(g.authorize("coder", action("file.read", "{\"repository\":\"acme/app\",\"path\":\"src/A.java\"}")).outcome())
                    .isEqualTo(ALLOWED);
            Decision push = g.authorize("coder", action("git.push", "{\"repository\":\"acme/app\",\"branch\":\"feature/x\"}"));
            assertThat(push.outcome()).isEqualTo(DENIED);
            assertThat(push.reason()).contains("phase warrant");
            Decision merge = g.authorize("coder", action("git.merge", "{\"repository\":\"acme/app\",\"branch\":\"main\"}"));
            assertThat(merge.outcome()).isEqualTo(PENDING);
            assertThat(g.approvals().request(merge.requestId()).orElseThrow().required()).isEqualTo(1);
            Decision deploy = g.authorize("coder", action("deploy", "{\"environment\":\"production\"}"));
            assertThat(g.approvals().request(deploy.requestId()).orElseThrow().required()).isEqualTo(2);
            Decision delete = g.authorize("coder", action("repo.delete", "{\"repository\":\"acme/app\"}"));
            assertThat(delete.outcome()).isEqualTo(DENIED);
            assertThat(delete.reason()).contains("delete-repository");

            List<PhaseWarrant> phases = g.issuePhaseWarrants("plan-1", List.of(new Phase("build", "coder",
                    WarrantScope.kinds("git.push", "git.merge", "repo.delete").branches("feature/**", "main"), Set.of("t1"),
                    f.clock.instant().plus(Duration.ofHours(2)), 0, 0)));
            assertThat(phases.get(0).deniedKinds()).containsExactly("repo.delete");
            assertThat(phases.get(0).kindsNeedingApproval()).containsExactly("git.merge");
            GatedAction featurePush = new GatedAction("git.push", Fixture.tree("{\"repository\":\"acme/app\",\"branch\":\"feature/x\"}"),
                    null, "ship it", "t1");
            assertThat(g.authorize("coder", featurePush).outcome()).isEqualTo(ALLOWED);
        }
    }

    @Test
    void approvalsAreSignedCountedOncePerPersonAndNeverByTheRequester() {
        try (Fixture f = new Fixture(tmp, "quorum").withApprovers()) {
            Governance g = f.governance;
            List<String> events = new java.util.ArrayList<>();
            g.addListener(new GovernanceListener() {
                @Override
                public void approvalRequested(ApprovalRequest request) {
                    events.add("requested " + request.id());
                }
            });
            f.warrant("alice", WarrantScope.kinds("deploy").environments("production"));
            GatedAction deploy = action("deploy", "{\"environment\":\"production\",\"version\":\"1.2.0\"}");
            Decision d = g.authorize("alice", deploy);
            assertThat(events).containsExactly("requested " + d.requestId());
            ApprovalService approvals = g.approvals();

            assertThatThrownBy(() -> approvals.decideLocally(d.requestId(), "alice", Verdict.APPROVE, "mine"))
                    .hasMessageContaining("separation of duties");
            assertThat(approvals.decideLocally(d.requestId(), "bob", Verdict.APPROVE, "ok")).hasToString("1 of 2");
            assertThat(approvals.decideLocally(d.requestId(), "bob", Verdict.APPROVE, "ok again")).hasToString("1 of 2");
            assertThat(g.authorize("alice", deploy).outcome()).isEqualTo(PENDING);

            String forged = ApprovalService.sign(java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate(),
                    d.requestId(), d.bindingHash(), Verdict.APPROVE);
            assertThatThrownBy(() -> approvals.decide(d.requestId(), "carol", Verdict.APPROVE, "x", forged))
                    .hasMessageContaining("does not verify");

            Quorum q = approvals.decideLocally(d.requestId(), "carol", Verdict.APPROVE, "release ok");
            assertThat(q.met()).isTrue();
            assertThat(q.decisions()).extracting(ApprovalDecision::signatureBase64).allMatch(s -> !s.isBlank());

            GatedAction other = action("deploy", "{\"environment\":\"production\",\"version\":\"1.2.1\"}");
            assertThat(g.authorize("alice", other).outcome()).isEqualTo(PENDING);
            Decision run = g.authorize("alice", deploy);
            assertThat(run.outcome()).isEqualTo(ALLOWED);
            assertThat(g.verifyBinding(run.warrantId(), deploy)).isTrue();
            assertThat(g.verifyBinding(run.warrantId(), other)).isFalse();
            g.recordExecution(run.warrantId(), deploy, "alice", "c2lnbmF0dXJl", "succeeded");
            assertThat(g.verifyBinding(run.warrantId(), deploy)).isFalse();
            assertThat(g.authorize("alice", deploy).outcome()).as("an approval is spent on one run").isEqualTo(PENDING);
            assertThat(f.audit.actions()).contains("approval.request", "approval.approve", "approval.approved", "warrant.use",
                    "warrant.execute");
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aDenialDeniesAndUnansweredRequestsEscalateThenExpire() {
        try (Fixture f = new Fixture(tmp, "expiry").withApprovers()) {
            Governance g = f.governance;
            f.warrant("coder", WarrantScope.kinds("git.merge"));
            GatedAction merge = action("git.merge", "{\"branch\":\"main\"}");
            Decision d = g.authorize("coder", merge);
            assertThatThrownBy(() -> g.approvals().decideLocally(d.requestId(), "carol", Verdict.APPROVE, "x"))
                    .hasMessageContaining("not in any of the groups");

            f.clock.advance(Duration.ofMinutes(61));
            g.tick();
            ApprovalRequest escalated = g.approvals().request(d.requestId()).orElseThrow();
            assertThat(escalated.escalated()).isTrue();
            assertThat(escalated.groups()).contains("owners");
            assertThat(g.approvals().decideLocally(d.requestId(), "carol", Verdict.APPROVE, "owner steps in").met()).isTrue();

            GatedAction other = action("git.merge", "{\"branch\":\"main\",\"commit\":\"abc\"}");
            Decision second = g.authorize("coder", other);
            f.clock.advance(Duration.ofMinutes(61));
            g.tick();
            f.clock.advance(Duration.ofMinutes(61));
            g.tick();
            assertThat(g.approvals().request(second.requestId())).isEmpty();
            assertThat(f.audit.actions()).contains("approval.escalate", "approval.expired");
            Decision third = g.authorize("coder", other);
            assertThat(third.requestId()).isNotEqualTo(second.requestId());
            g.approvals().decideLocally(third.requestId(), "alice", Verdict.DENY, "not now");
            assertThat(g.authorize("coder", other).outcome()).isEqualTo(DENIED);
        }
    }

    @Test
    void taskScopedWarrantsEndWithTheirTasksAndRevocationIsImmediate() {
        try (Fixture f = new Fixture(tmp, "tasks").withApprovers()) {
            Governance g = f.governance;
            Warrant w = g.issueWarrant("coder", new WarrantTerms(WarrantScope.kinds("file.read"),
                    f.clock.instant().plus(Duration.ofHours(1)), 0, 0, Set.of("t1", "t2")), "alice");
            GatedAction inT1 = new GatedAction("file.read", Fixture.tree("{\"path\":\"a\"}"), w.id(), null, "t1");
            GatedAction inT2 = new GatedAction("file.read", Fixture.tree("{\"path\":\"a\"}"), w.id(), null, "t2");
            GatedAction noTask = new GatedAction("file.read", Fixture.tree("{\"path\":\"a\"}"), w.id(), null, null);
            assertThat(g.authorize("coder", inT1).outcome()).isEqualTo(ALLOWED);
            assertThat(g.authorize("coder", noTask).outcome()).isEqualTo(DENIED);
            g.endTask("t1");
            assertThat(g.authorize("coder", inT1).outcome()).isEqualTo(DENIED);
            assertThat(g.authorize("coder", inT2).outcome()).isEqualTo(ALLOWED);
            g.endTask("t2");
            assertThat(g.warrant(w.id())).isEmpty();
            assertThat(f.audit.actions()).contains("warrant.ended");

            Warrant r = f.warrant("coder", WarrantScope.kinds("file.read"));
            g.revoke(r.id(), "alice", "changed my mind");
            assertThat(g.authorize("coder", action("file.read", "{}")).outcome()).isEqualTo(DENIED);
            assertThat(f.audit.actions()).contains("warrant.revoke");
        }
    }

    @Test
    void maxUsesAndBudgetAreEnforcedAndARestartKeepsState() {
        Fixture.ManualClock clock = new Fixture.ManualClock();
        String warrantId;
        String requestId;
        try (Fixture f = new Fixture(tmp, "restart", clock).withApprovers()) {
            Governance g = f.governance;
            Warrant w = g.issueWarrant("coder", new WarrantTerms(WarrantScope.kinds("file.read", "git.merge"),
                    clock.instant().plus(Duration.ofHours(1)), 3, 100, Set.of()), "alice");
            warrantId = w.id();
            assertThat(g.authorize("coder", action("file.read", "{\"n\":1}")).allowed()).isTrue();
            g.recordSpend(warrantId, 40);
            requestId = g.authorize("coder", action("git.merge", "{\"branch\":\"main\"}")).requestId();
            g.approvals().decideLocally(requestId, "bob", Verdict.APPROVE, "fine");
            g.tick();
        }
        try (Fixture f = new Fixture(tmp, "restart", clock)) {
            Governance g = f.governance;
            Warrant w = g.warrant(warrantId).orElseThrow();
            assertThat(w.uses()).isEqualTo(1);
            assertThat(w.spent()).isEqualTo(40);
            assertThat(g.approvals().quorum(requestId)).hasToString("1 of 1");
            assertThat(g.authorize("coder", action("git.merge", "{\"branch\":\"main\"}")).allowed()).isTrue();
            assertThat(g.authorize("coder", action("file.read", "{\"n\":2}")).allowed()).isTrue();
            assertThat(g.authorize("coder", action("file.read", "{\"n\":3}")).reason()).contains("no uses left");
            g.recordSpend(warrantId, 60);
        }
    }

    @Test
    void modelTokensSpentOnATaskAreChargedToTheWarrantsScopedToItWhichEndOnceTheirBudgetIsSpent() {
        try (Fixture f = new Fixture(tmp, "charge")) {
            Governance g = f.governance;
            Instant expiry = f.clock.instant().plus(Duration.ofHours(1));
            Warrant phase = g.issueWarrant("coder", new WarrantTerms(WarrantScope.kinds("file.read"), expiry, 0, 1000,
                    Set.of("t1", "t2")), "alice");
            Warrant unlimited = g.issueWarrant("coder", new WarrantTerms(WarrantScope.kinds("file.read"), expiry, 0, 0,
                    Set.of("t1")), "alice");
            Warrant small = g.issueWarrant("tester", new WarrantTerms(WarrantScope.kinds("file.read"), expiry, 0, 10,
                    Set.of("t3")), "alice");

            assertThat(g.chargeTask("t1", "coder", 600)).containsExactlyInAnyOrder(phase, unlimited);
            assertThat(g.chargeTask("t9", "coder", 600)).isEmpty();
            Fixture.Entry spend = f.audit.entries.stream().filter(e -> e.action().equals("warrant.spend")).findFirst().orElseThrow();
            assertThat(spend.actor()).isEqualTo("coder");
            assertThat(spend.payload().path("task").asText()).isEqualTo("t1");
            assertThat(spend.payload().path("amount").asLong()).isEqualTo(600);

            // an action allowed before the budget ran out may still run; nothing more is allowed
            GatedAction read = new GatedAction("file.read", Fixture.tree("{\"n\":1}"), phase.id(), "look", "t2");
            assertThat(g.authorize("coder", read).allowed()).isTrue();
            g.chargeTask("t2", "coder", 500);
            assertThat(phase.spent()).isEqualTo(1100);
            assertThat(phase.status()).isEqualTo(Warrant.Status.ACTIVE);
            Decision refused = g.authorize("coder", new GatedAction("file.read", Fixture.tree("{\"n\":2}"), phase.id(),
                    "look again", "t2"));
            assertThat(refused.outcome()).isEqualTo(DENIED);
            assertThat(refused.reason()).isEqualTo("warrant " + phase.id() + " has no budget left");
            g.recordExecution(phase.id(), read, "coder", null, "ok");
            g.tick();
            g.tick();
            assertThat(phase.status()).isEqualTo(Warrant.Status.EXHAUSTED);
            assertThat(phase.endReason()).isEqualTo("budget of 1000 tokens spent (1100)");

            // with no action waiting, the charge that spends the budget ends the warrant at once
            assertThat(g.chargeTask("t3", "tester", 25)).containsExactly(small);
            assertThat(small.status()).isEqualTo(Warrant.Status.EXHAUSTED);
            assertThat(g.chargeTask("t3", "tester", 25)).isEmpty();
            g.tick();

            assertThat(unlimited.status()).isEqualTo(Warrant.Status.ACTIVE);
            assertThat(unlimited.spent()).isEqualTo(600);
            assertThat(f.audit.entries.stream().filter(e -> e.action().equals("warrant.exhausted")))
                    .extracting(Fixture.Entry::subject).containsExactlyInAnyOrder(phase.id(), small.id());
        }
        try (Fixture f = new Fixture(tmp, "charge")) {
            assertThat(f.governance.liveWarrants()).singleElement()
                    .satisfies(w -> assertThat(w.spent()).isEqualTo(600));
            assertThat(f.governance.endedWarrants(10)).extracting(Warrant::status)
                    .containsOnly(Warrant.Status.EXHAUSTED);
        }
    }

    @Test
    void endedWarrantsAreListedNewestFirstWithHowTheyEnded() {
        try (Fixture f = new Fixture(tmp, "ended")) {
            Governance g = f.governance;
            Warrant used = f.warrant("coder", WarrantScope.kinds("file.read"));
            assertThat(g.authorize("coder", action("file.read", "{}")).outcome()).isEqualTo(ALLOWED);
            g.revoke(used.id(), "alice", "done with it");
            f.clock.advance(Duration.ofSeconds(1));
            Warrant later = f.warrant("coder", WarrantScope.kinds("git.push"));
            g.revoke(later.id(), "alice", "not needed");
            Warrant live = f.warrant("reviewer", WarrantScope.kinds("file.read"));

            List<Warrant> ended = g.endedWarrants(10);
            assertThat(ended).extracting(Warrant::id).containsExactly(later.id(), used.id());
            assertThat(ended.get(1).status()).isEqualTo(Warrant.Status.REVOKED);
            assertThat(ended.get(1).endReason()).isEqualTo("done with it");
            assertThat(ended.get(1).uses()).isEqualTo(1);
            assertThat(ended.get(1).terms().scope().kinds()).containsExactly("file.read");
            assertThat(g.endedWarrants(1)).extracting(Warrant::id).containsExactly(later.id());
            assertThat(g.liveWarrants()).extracting(Warrant::id).containsExactly(live.id());
        }
    }
}
