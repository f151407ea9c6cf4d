package org.symbi.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import org.eclipse.jetty.server.NetworkConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.gateway.outbound.TestRoom;
import org.symbi.governance.AgentTokens;
import org.symbi.governance.Warrant;
import org.symbi.governance.WarrantScope;
import org.symbi.governance.WarrantTerms;
import org.symbi.kernel.bus.SendResult;
import org.symbi.kernel.supervisor.AdminToken;
import org.symbi.ledger.ReceiptVerifier;
import org.symbi.store.KeyFiles;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AdminApiTest {
    @TempDir
    Path tmp;
    TestRoom room;
    AdminToken token;
    Javalin server;
    String base;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        room = new TestRoom(tmp);
        token = AdminToken.loadOrCreate(room.dir);
        AgentTokens agentTokens = new AgentTokens(room.db, AgentTokens.issuerKey(room.dir.resolve("keys")), "room",
                "symbi-kernel", AgentTokens.DEFAULT_LIFETIME, InstantSource.system(), (a, b, c, d, e) -> { });
        AdminApi admin = new AdminApi(room.kernel, token, agentTokens, () -> null);
        server = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.port = 0;
            admin.routes(cfg.routes);
        }).start();
        for (var connector : server.jettyServer().server().getConnectors()) {
            if (connector instanceof NetworkConnector n) {
                base = "http://127.0.0.1:" + n.getLocalPort();
            }
        }
    }

    @AfterEach
    void stop() {
        server.stop();
        room.close();
        http.close();
    }

    @Test
    void withoutTheAdminTokenEveryAdminRouteIs401() throws Exception {
        assertThat(call("GET", "/admin/agents", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/admin/ledger/verify", "wrong", null).statusCode()).isEqualTo(401);
        HttpResponse<String> refused = call("POST", "/admin/approvals/x/approve", token.value() + "x", "{}");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(json(refused).path("error").asText()).contains("admin token");
    }

    @Test
    void requestsAreSubmittedListedAndRefusedPlainly() throws Exception {
        Path repo = tmp.resolve("fib");
        Files.createDirectories(repo.resolve(".git"));
        Files.writeString(repo.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        String body = "{\"request\":\"Add fib(n) with tests\",\"repository\":" + quote(repo.toString()) + "}";

        HttpResponse<String> created = call("POST", "/admin/requests", token.value(), body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode request = json(created);
        String id = request.path("request_id").asText();
        assertThat(request.path("status").asText()).isEqualTo("planning");
        assertThat(request.path("base").asText()).isEqualTo("main");
        assertThat(request.path("repository").asText()).isEqualTo("fib");
        assertThat(room.kernel.tasks().find(request.path("plan_task").asText())).isPresent();
        assertThat(json(call("GET", "/admin/requests", token.value(), null)).path("requests").get(0)
                .path("request_id").asText()).isEqualTo(id);

        HttpResponse<String> early = call("POST", "/admin/requests/" + id + "/confirm", token.value(), "");
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(json(early).path("error").asText()).contains("planning");
        assertThat(call("POST", "/admin/requests/nope/discard", token.value(), "").statusCode()).isEqualTo(404);
        HttpResponse<String> notGit = call("POST", "/admin/requests", token.value(),
                "{\"request\":\"x\",\"repository\":" + quote(tmp.toString()) + "}");
        assertThat(notGit.statusCode()).isEqualTo(400);
        assertThat(json(notGit).path("error").asText()).contains("not a git working tree");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\") + "\"";
    }

    @Test
    void theRoomsKeyIsPublic() throws Exception {
        JsonNode room = json(call("GET", "/api/room", null, null));
        assertThat(KeyFiles.decodePublic(room.path("public_key").asText())).isEqualTo(this.room.kernel.ledger().publicKey());
        assertThat(room.path("origin").asText()).isEqualTo(this.room.kernel.ledger().origin());
    }

    @Test
    void listsAgentsIssuesTokensAndVerifiesTheLedger() throws Exception {
        assertThat(json(call("GET", "/admin/agents", token.value(), null)).path("agents").isArray()).isTrue();
        assertThat(call("POST", "/admin/agents/start", token.value(), "{\"template\":\"x\"}").statusCode())
                .isEqualTo(503);
        JsonNode issued = json(call("POST", "/admin/tokens", token.value(),
                "{\"agent\":\"coder-7\",\"capabilities\":[\"git\"],\"repos\":[\"symbi-core\"]}"));
        assertThat(issued.path("token").asText()).isNotBlank();

        awaitFiledCheckpoint();
        JsonNode verify = json(call("GET", "/admin/ledger/verify", token.value(), null));
        assertThat(verify.path("ok").asBoolean()).as(verify.toString()).isTrue();
        JsonNode entries = json(call("GET", "/admin/ledger/entries?from=0&limit=5", token.value(), null));
        assertThat(entries.path("entries").size()).isBetween(1, 5);
        assertThat(call("GET", "/admin/ledger/entries?limit=0", token.value(), null).statusCode()).isEqualTo(400);
    }

    @Test
    void theLedgersStatusAndAnEntrysTrustReceipt() throws Exception {
        JsonNode status = json(call("GET", "/admin/ledger", token.value(), null));
        long size = room.kernel.ledger().size();
        assertThat(status.path("size").asLong()).isEqualTo(size).isPositive();
        assertThat(status.path("origin").asText()).isEqualTo(room.kernel.ledger().origin());
        assertThat(KeyFiles.decodePublic(status.path("public_key").asText())).isEqualTo(room.kernel.ledger().publicKey());

        HttpResponse<String> receipt = call("GET", "/admin/ledger/receipts/0", token.value(), null);
        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(ReceiptVerifier.verify(receipt.body(), room.kernel.ledger().publicKey()).ok()).isTrue();
        assertThat(json(receipt).path("leaf_index").asLong()).isZero();
        // proving signed a checkpoint that covers the entry; the status shows it
        JsonNode checkpoint = json(call("GET", "/admin/ledger", token.value(), null)).path("checkpoint");
        assertThat(checkpoint.path("tree_size").asLong()).isPositive();
        assertThat(checkpoint.path("note").asText()).startsWith(room.kernel.ledger().origin());

        HttpResponse<String> beyond = call("GET", "/admin/ledger/receipts/" + (size + 100), token.value(), null);
        assertThat(beyond.statusCode()).isEqualTo(404);
        assertThat(json(beyond).path("error").asText()).startsWith("no entry " + (size + 100) + " in a ledger of ");
        assertThat(call("GET", "/admin/ledger/receipts/first", token.value(), null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/admin/ledger/receipts/0", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aPendingApprovalIsListedAndApprovedWithTheLocalApprover() throws Exception {
        assertThat(room.register("coder-1", "").outcome()).isEqualTo(SendResult.Outcome.ACCEPTED);
        Warrant warrant = room.kernel.governance().issueWarrant("coder-1", new WarrantTerms(
                WarrantScope.kinds("git.merge").repositories("symbi-core").branches("main"),
                Instant.now().plus(Duration.ofHours(1)), 5, 0, Set.of()), "local");
        assertThat(room.receive(TestRoom.envelope("w-1", "coder-1", "orchestrator", "warrant_request",
                "{\"action\":{\"kind\":\"git.merge\",\"args\":{\"repository\":\"symbi-core\",\"branch\":\"main\","
                        + "\"source\":\"feature/fib\"}},\"warrant_id\":\"" + warrant.id() + "\",\"reasoning\":\"tests pass\"}"))
                .outcome()).isEqualTo(SendResult.Outcome.ACCEPTED);

        JsonNode approvals = json(call("GET", "/admin/approvals", token.value(), null)).path("approvals");
        assertThat(approvals.size()).isEqualTo(1);
        JsonNode pending = approvals.get(0);
        assertThat(pending.path("agent_id").asText()).isEqualTo("coder-1");
        assertThat(pending.path("quorum").asText()).isEqualTo("0 of 1");
        String id = pending.path("request_id").asText();

        assertThat(call("POST", "/admin/approvals/" + id + "/deny", token.value(), "{}").statusCode()).isEqualTo(400);
        JsonNode approved = json(call("POST", "/admin/approvals/" + id + "/approve", token.value(),
                "{\"reason\":\"looks right\"}"));
        assertThat(approved.path("verdict").asText()).isEqualTo("approve");
        assertThat(approved.path("quorum").asText()).isEqualTo("1 of 1");
        assertThat(json(call("GET", "/admin/approvals", token.value(), null)).path("approvals").size()).isZero();
        HttpResponse<String> again = call("POST", "/admin/approvals/" + id + "/approve", token.value(), "{}");
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(json(again).path("error").asText()).isEqualTo("no pending approval request " + id);
    }

    /**
     * The ledger stores a checkpoint before it files it; a verification between the two would find the
     * checkpoint file missing. Waits until the first checkpoint is filed.
     */
    private void awaitFiledCheckpoint() throws InterruptedException {
        room.kernel.ledger().checkpoint();
        Path filed = room.dir.resolve("ledger").resolve("checkpoint.note");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(filed)) {
            assertThat(System.nanoTime()).as("no checkpoint filed at " + filed).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private HttpResponse<String> call(String method, String path, String bearer, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response) throws Exception {
        return room.kernel.codec().mapper().readTree(response.body());
    }
}
