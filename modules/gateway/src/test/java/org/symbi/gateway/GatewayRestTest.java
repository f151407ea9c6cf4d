package org.symbi.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.symbi.gateway.GatewayFixture.envelope;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayRestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private GatewayFixture room;

    @BeforeAll
    void start(@TempDir Path tmp) throws IOException {
        room = new GatewayFixture(tmp, 0, 200);
    }

    @AfterAll
    void stop() {
        room.close();
    }

    private static JsonNode body(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(r.body(), e);
        }
    }

    private String registered(String agentId, String... capabilities) {
        String token = room.token(agentId, capabilities);
        var r = room.post("/api/agents/register", token, "{\"agent_id\":\"" + agentId + "\",\"agent_type\":\"rest\","
                + "\"capabilities\":" + GatewayFixture.json(java.util.List.of(capabilities)) + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(body(r).get("outcome").asText()).isEqualTo("accepted");
        return token;
    }

    @Test
    void registerListAndQueues() {
        String token = registered("rest-reg", "python");
        JsonNode agents = body(room.get("/api/agents", token));
        assertThat(agents.findValuesAsText("agent_id")).contains("rest-reg");
        var queues = room.get("/api/queues", token);
        assertThat(queues.statusCode()).isEqualTo(200);
        assertThat(body(queues).isArray()).isTrue();
    }

    @Test
    void theSessionEndpointGivesThePollingAgentTheTermsASocketsWelcomeWould() {
        String token = room.token("rest-terms", "python");
        JsonNode welcome = body(room.get("/api/agents/session", token));
        assertThat(welcome.path("frame").asText()).isEqualTo("welcome");
        assertThat(welcome.path("agent_id").asText()).isEqualTo("rest-terms");
        assertThat(welcome.path("session_id").asText()).startsWith("rest-");
        assertThat(welcome.path("heartbeat_interval_ms").asLong())
                .isEqualTo(room.kernel.config().heartbeatTimeout().toMillis() / 3);
        assertThat(welcome.path("window").asInt()).isEqualTo(room.kernel.config().deliveryWindow());
        assertThat(room.get("/api/agents/session", null).statusCode()).isEqualTo(401);
        // REST does not consume the token: the same one serves the next call
        assertThat(room.get("/api/agents/session", token).statusCode()).isEqualTo(200);
    }

    @Test
    void aLongPollReturnsAsSoonAsAMessageArrivesAndTheAckIsAccepted() throws Exception {
        String poller = registered("rest-poll");
        String sender = registered("rest-poll-sender");
        CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(
                () -> room.get("/api/agents/rest-poll/deliveries?wait=20&max=10", poller));
        Thread.sleep(200); // the request is parked before the message exists
        long sent = System.nanoTime();
        var r = room.post("/api/agents/message", sender,
                envelope("poll-1", "rest-poll-sender", "rest-poll", "collaboration_invite", "{}", ""));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        HttpResponse<String> got = waiting.get(15, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - sent)).isLessThan(5);
        JsonNode frames = body(got);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).get("frame").asText()).isEqualTo("deliver");
        assertThat(frames.get(0).at("/envelope/message_id").asText()).isEqualTo("poll-1");
        String deliveryId = frames.get(0).get("delivery_id").asText();

        var ack = room.post("/api/agents/message", poller, envelope("poll-ack", "rest-poll", "orchestrator", "ack",
                "{\"delivery_ids\":[\"" + deliveryId + "\"]}", ""));
        assertThat(body(ack).get("outcome").asText()).as(ack.body()).isEqualTo("accepted");
        var empty = room.get("/api/agents/rest-poll/deliveries?wait=0", poller);
        assertThat(body(empty)).isEmpty();
    }

    @Test
    void tasksAndWorkflowsAreCreatedAndRead() {
        String token = registered("rest-tasks");
        // no agent has the capability, so the tasks stay put while they are read
        String caps = ",\"required_capabilities\":[\"nobody\"]";
        var one = room.post("/api/agents/tasks", token, "{\"task_id\":\"rest-t1\",\"title\":\"one\"" + caps + "}");
        assertThat(one.statusCode()).as(one.body()).isEqualTo(201);
        var flow = room.post("/api/agents/tasks", token, "[{\"task_id\":\"rest-w1\",\"workflow_id\":\"rest-wf\"" + caps + "},"
                + "{\"task_id\":\"rest-w2\",\"workflow_id\":\"rest-wf\",\"depends_on\":[\"rest-w1\"]" + caps + "}]");
        assertThat(flow.statusCode()).as(flow.body()).isEqualTo(201);
        assertThat(body(flow).findValuesAsText("workflow_id")).containsOnly("rest-wf");
        assertThat(body(room.get("/api/tasks/rest-t1", token)).get("title").asText()).isEqualTo("one");
        assertThat(body(room.get("/api/tasks?workflow_id=rest-wf", token)).findValuesAsText("task_id"))
                .contains("rest-w1", "rest-w2");
        var missing = room.get("/api/tasks/nope", token);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(body(missing).get("code").asText()).isEqualTo("unknown_task");
        var invalid = room.post("/api/agents/tasks", token, "{\"task_id\":\"rest-c\",\"taskId\":\"camel\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(body(invalid).get("code").asText()).isEqualTo("unknown_field");
    }

    @Test
    void tasksChangedSinceATimeAreListedInTheOrderOfTheirChange() throws Exception {
        String token = registered("rest-recent");
        String caps = ",\"required_capabilities\":[\"nobody\"]";
        room.post("/api/agents/tasks", token, "{\"task_id\":\"rest-r1\"" + caps + "}");
        room.post("/api/agents/tasks", token, "{\"task_id\":\"rest-r2\"" + caps + "}");
        long mark = body(room.get("/api/tasks/rest-r2", token)).get("updated_at").asLong() + 1;
        Thread.sleep(5);
        room.kernel.tasks().cancel("rest-r1");

        JsonNode recent = body(room.get("/api/tasks?updated_since=" + mark, token));
        assertThat(recent).hasSize(1);
        assertThat(recent.get(0).get("task_id").asText()).isEqualTo("rest-r1");
        assertThat(recent.get(0).get("status").asText()).isEqualTo("cancelled");
        assertThat(body(room.get("/api/tasks?status=cancelled&updated_since=" + mark, token))).hasSize(1);
        assertThat(body(room.get("/api/tasks?status=pending&updated_since=" + mark, token))).isEmpty();
        var bad = room.get("/api/tasks?updated_since=yesterday", token);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(body(bad).get("message").asText()).contains("updated_since must be epoch milliseconds");
    }

    @Test
    void metricsListModelUsagePerAgentAndATaskShowsItsOwn() {
        String token = registered("rest-llm", "python");
        room.post("/api/agents/tasks", token, "{\"task_id\":\"rest-llm-t\",\"required_capabilities\":[\"nobody\"]}");
        for (String detail : java.util.List.of(
                "{\"tokens_in\":1200,\"tokens_out\":300,\"latency_ms\":900,\"cost_usd\":0.0045}",
                "{\"tokens_in\":800,\"tokens_out\":100,\"latency_ms\":1100,\"cost_usd\":null}")) {
            var r = room.post("/api/agents/message", token, envelope("rest-llm-" + detail.hashCode(), "rest-llm",
                    "orchestrator", "trace_step", "{\"task_id\":\"rest-llm-t\",\"kind\":\"llm_response\","
                            + "\"content\":\"answer\",\"model\":\"gpt-4o\",\"detail\":" + detail + "}", ""));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }

        JsonNode metrics = body(room.get("/api/metrics", token));
        assertThat(metrics.at("/system/total_agents").asInt()).isPositive();
        assertThat(metrics.get("agents").findValuesAsText("agent_id")).contains("rest-llm");
        assertThat(metrics.get("model_usage").findValuesAsText("agent_id")).containsExactly("rest-llm");
        JsonNode usage = metrics.get("model_usage").get(0);
        assertThat(usage.get("calls").asLong()).isEqualTo(2);
        assertThat(usage.get("unpriced_calls").asLong()).isEqualTo(1);
        assertThat(usage.get("tokens_in").asLong()).isEqualTo(2000);
        assertThat(usage.get("tokens_out").asLong()).isEqualTo(400);
        assertThat(usage.get("cost_usd").asDouble()).isEqualTo(0.0045);
        assertThat(usage.get("mean_latency_ms").asDouble()).isEqualTo(1000.0);
        JsonNode task = body(room.get("/api/tasks/rest-llm-t", token)).get("model_usage");
        assertThat(task.get("calls").asLong()).isEqualTo(2);
        assertThat(task.get("tokens_in").asLong()).isEqualTo(2000);
        assertThat(room.get("/api/metrics", null).statusCode()).isEqualTo(401);
    }

    @Test
    void errorsHaveTheirStatuses() {
        String token = registered("rest-errors");
        assertThat(room.get("/api/agents", null).statusCode()).isEqualTo(401);
        assertThat(room.get("/api/agents", token + "x").statusCode()).isEqualTo(401);
        assertThat(room.get("/api/agents/someone-else/deliveries?wait=0", token).statusCode()).isEqualTo(403);
        var bad = room.post("/api/agents/message", token, "{not json");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(body(bad).get("code").asText()).isEqualTo("malformed_json");
        var spoofed = room.post("/api/agents/message", token,
                envelope("rest-spoof", "rest-other", "orchestrator", "heartbeat", "{\"status\":\"busy\"}", ""));
        assertThat(spoofed.statusCode()).isEqualTo(403);
        assertThat(body(spoofed).get("code").asText()).isEqualTo("spoofed_sender");
        var huge = room.post("/api/agents/message", token, "{\"a\":\"" + "x".repeat(1 << 20) + "\"}");
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(room.get("/api/agents/rest-errors/deliveries?wait=abc", token).statusCode()).isEqualTo(400);
    }

    @Test
    void aTokenIsRenewedForTheNextConnection() {
        String token = registered("rest-renew");
        var renewed = room.post("/api/agents/token", token, "");
        assertThat(renewed.statusCode()).isEqualTo(200);
        try (TestAgent a = TestAgent.connect(room.http, room.gateway.address(), body(renewed).get("token").asText())) {
            a.await("welcome", "rest-renew");
        }
    }
}
