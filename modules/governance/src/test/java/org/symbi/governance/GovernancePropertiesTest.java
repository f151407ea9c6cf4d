package org.symbi.governance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Randomized properties with a fixed seed, so every run checks the same many cases. */
class GovernancePropertiesTest {
    private static final int ITERATIONS = 300;

    @TempDir
    Path tmp;

    @Test
    void noGatedActionIsAllowedWithoutAValidWarrant() {
        Random rnd = new Random(42);
        String[] kinds = {"file.read", "git.push", "git.merge", "deploy", "file.read"};
        try (Fixture f = new Fixture(tmp, "no-warrant")) {
            Governance g = f.governance;
            f.warrant("holder", WarrantScope.kinds("file.read").repositories("acme/*"));
            for (int i = 0; i < ITERATIONS; i++) {
                String agent = rnd.nextBoolean() ? "stranger-" + rnd.nextInt(5) : "holder";
                String kind = kinds[rnd.nextInt(kinds.length)];
                String repo = rnd.nextBoolean() ? "acme/app" : "other/app";
                Decision d = g.authorize(agent, Fixture.action(kind, "{\"repository\":\"" + repo + "\",\"n\":" + i + "}"));
                boolean covered = agent.equals("holder") && kind.equals("file.read") && repo.startsWith("acme/");
                assertThat(d.allowed()).as("%s %s %s", agent, kind, repo).isEqualTo(covered);
                if (!covered) {
                    assertThat(d.outcome()).isEqualTo(Decision.Outcome.DENIED);
                }
            }
        }
    }

    @Test
    void aQuorumShortByOneNeverPasses() throws Exception {
        Random rnd = new Random(7);
        try (Fixture f = new Fixture(tmp, "quorum")) {
            for (int n = 0; n < 5; n++) {
                f.approvers.registerLocal(tmp.resolve("keys"), "p" + n, "Person " + n, Set.of("maintainers", "release-managers"));
            }
            Governance g = f.governance;
            f.warrant("coder", WarrantScope.kinds("deploy"));
            for (int i = 0; i < 60; i++) {
                GatedAction deploy = Fixture.action("deploy", "{\"environment\":\"production\",\"build\":" + i + "}");
                Decision d = g.authorize("coder", deploy);
                int required = g.approvals().request(d.requestId()).orElseThrow().required();
                int given = rnd.nextInt(required);
                for (int a = 0; a < given; a++) {
                    String who = "p" + a;
                    for (int repeat = 0; repeat <= rnd.nextInt(3); repeat++) {
                        g.approvals().decideLocally(d.requestId(), who, Verdict.APPROVE, "ok");
                    }
                }
                assertThat(g.authorize("coder", deploy).outcome()).isEqualTo(Decision.Outcome.PENDING);
                g.approvals().decideLocally(d.requestId(), "p" + given, Verdict.APPROVE, "ok");
                if (given + 1 == required) {
                    assertThat(g.authorize("coder", deploy).allowed()).isTrue();
                }
            }
        }
    }

    @Test
    void anExpiredOrRevokedWarrantNeverPasses() {
        Random rnd = new Random(11);
        try (Fixture f = new Fixture(tmp, "expired")) {
            Governance g = f.governance;
            for (int i = 0; i < ITERATIONS; i++) {
                Duration life = Duration.ofSeconds(1 + rnd.nextInt(100));
                Warrant w = g.issueWarrant("coder", new WarrantTerms(WarrantScope.kinds("file.read"),
                        f.clock.instant().plus(life), 0, 0, Set.of()), "alice");
                GatedAction read = new GatedAction("file.read", Fixture.tree("{\"i\":" + i + "}"), w.id(), null, null);
                if (rnd.nextBoolean()) {
                    g.revoke(w.id(), "alice", "test");
                } else {
                    f.clock.advance(life.plusMillis(rnd.nextInt(2)));
                    if (rnd.nextBoolean()) {
                        g.tick();
                    }
                }
                assertThat(g.authorize("coder", read).allowed()).isFalse();
            }
        }
    }

    @Test
    void changingOneByteOfTheArgumentsInvalidatesTheBinding() {
        Random rnd = new Random(3);
        try (Fixture f = new Fixture(tmp, "binding")) {
            Governance g = f.governance;
            f.warrant("coder", WarrantScope.kinds("file.read"));
            for (int i = 0; i < ITERATIONS; i++) {
                StringBuilder pattern = new StringBuilder();
                for (int c = 0; c < 1 + rnd.nextInt(40); c++) {
                    pattern.append((char) ('a' + rnd.nextInt(26)));
                }
                ObjectNode args = Fixture.JSON.createObjectNode().put("path", "src/F" + i + ".java").put("pattern", pattern.toString());
                GatedAction original = new GatedAction("file.read", args, null, null, null);
                Decision d = g.authorize("coder", original);
                assertThat(d.allowed()).isTrue();

                char[] bytes = pattern.toString().toCharArray();
                int at = rnd.nextInt(bytes.length);
                bytes[at] = (char) (bytes[at] == 'z' ? 'a' : bytes[at] + 1);
                GatedAction changed = new GatedAction("file.read", args.deepCopy().put("pattern", new String(bytes)), null, null, null);
                assertThat(ActionBinding.hash(changed)).isNotEqualTo(d.bindingHash());
                assertThat(g.verifyBinding(d.warrantId(), changed)).isFalse();
                assertThat(g.verifyBinding(d.warrantId(), original)).isTrue();
                g.recordExecution(d.warrantId(), original, "coder", null, "succeeded");
            }
        }
    }

    @Test
    void theBindingIgnoresMemberOrderAndWhitespace() {
        GatedAction a = Fixture.action("deploy", "{\"environment\":\"production\",\"version\":\"1.0\"}");
        GatedAction b = Fixture.action("deploy", "{ \"version\" : \"1.0\",\n \"environment\":\"production\" }");
        assertThat(ActionBinding.hash(a)).isEqualTo(ActionBinding.hash(b));
        assertThat(ActionBinding.canonical(a.kind(), a.args()))
                .isEqualTo("{\"args\":{\"environment\":\"production\",\"version\":\"1.0\"},\"kind\":\"deploy\"}");
    }
}
