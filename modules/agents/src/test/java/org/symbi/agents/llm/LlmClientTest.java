package org.symbi.agents.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.symbi.protocol.TraceKind;
import org.symbi.protocol.TraceStep;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The real langchain4j OpenAI client against a scripted local server: requests, traces, budgets, secrets. */
class LlmClientTest {
    private ScriptedOpenAiServer server;
    private final List<TraceStep> steps = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = ScriptedOpenAiServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private LlmSession session(String model, TaskBudget budget) {
        return LlmClient.open(server.config(model), server.environment()).session("t-1", budget, steps::add);
    }

    private static List<dev.langchain4j.data.message.ChatMessage> ask(String question) {
        return List.of(SystemMessage.from("You answer briefly."), UserMessage.from(question));
    }

    @Test
    void aCallSendsTheModelAndMessagesAndIsTracedWithTokensLatencyAndCost() {
        server.reply("Hello there.", 1000, 200);

        LlmReply reply = session("gpt-4o-mini", TaskBudget.defaults()).chat(ask("Say hello"));

        assertThat(reply.text()).isEqualTo("Hello there.");
        assertThat(reply.tokensIn()).isEqualTo(1000);
        assertThat(reply.tokensOut()).isEqualTo(200);
        assertThat(reply.costUsd()).isCloseTo((1000 * 0.15 + 200 * 0.60) / 1e6, within(1e-12));

        ScriptedOpenAiServer.Received sent = server.requests().getFirst();
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + ScriptedOpenAiServer.API_KEY);
        assertThat(sent.body().path("model").asText()).isEqualTo("gpt-4o-mini");
        JsonNode messages = sent.body().path("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(1).path("role").asText()).isEqualTo("user");
        assertThat(messages.get(1).path("content").asText()).isEqualTo("Say hello");
        assertThat(sent.body().has("response_format")).as("plain text asks no format").isFalse();

        assertThat(steps).extracting(TraceStep::kind).containsExactly(TraceKind.LLM_PROMPT, TraceKind.LLM_RESPONSE);
        TraceStep prompt = steps.get(0);
        assertThat(prompt.taskId()).isEqualTo("t-1");
        assertThat(prompt.model()).isEqualTo("gpt-4o-mini");
        assertThat(prompt.content()).contains("[system]\nYou answer briefly.").contains("[user]\nSay hello");
        assertThat(prompt.detail().path("provider").asText()).isEqualTo("openai-compatible");
        assertThat(prompt.detail().path("response_format").asText()).isEqualTo("text");
        TraceStep response = steps.get(1);
        assertThat(response.content()).isEqualTo("Hello there.");
        assertThat(response.detail().path("tokens_in").asLong()).isEqualTo(1000);
        assertThat(response.detail().path("tokens_out").asLong()).isEqualTo(200);
        assertThat(response.detail().path("latency_ms").isIntegralNumber()).isTrue();
        assertThat(response.detail().path("cost_usd").asDouble()).isCloseTo(reply.costUsd(), within(1e-12));
        assertThat(response.detail().has("tokens_estimated")).isFalse();
    }

    @Test
    void structuredOutputSendsTheJsonSchemaAsResponseFormat() {
        server.reply("{\"answer\":\"42\"}");
        JsonSchema schema = JsonSchema.builder().name("answer").rootElement(JsonObjectSchema.builder()
                .addStringProperty("answer").required("answer").additionalProperties(false).build()).build();

        LlmReply reply = session("gpt-4o", TaskBudget.defaults()).chat(ask("The answer?"), schema);

        assertThat(reply.text()).isEqualTo("{\"answer\":\"42\"}");
        JsonNode format = server.requests().getFirst().body().path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asText()).isEqualTo("answer");
        assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
        assertThat(format.path("json_schema").path("schema").path("required").get(0).asText()).isEqualTo("answer");
        assertThat(steps.getFirst().detail().path("response_format").asText()).isEqualTo("json_schema:answer");
    }

    @Test
    void aCallThatGoesPastTheTokenBudgetFailsAndTheNextIsNotMade() {
        server.reply("first", 600, 100).reply("second", 600, 100).reply("never", 1, 1);
        LlmSession session = session("gpt-4o-mini", new TaskBudget(1000, 0));

        session.chat(ask("one"));
        assertThatThrownBy(() -> session.chat(ask("two")))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("task t-1 went over its model budget: 1400 of 1000 tokens");
        assertThatThrownBy(() -> session.chat(ask("three")))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("has spent its model budget");
        assertThat(server.requests()).as("the third call is refused before it is made").hasSize(2);
        assertThat(session.budget().tokensSpent()).isEqualTo(1400);
    }

    @Test
    void theCostBudgetCountsTheEstimatedPrice() {
        // gpt-4o: $2.50 in, $10 out per million: this call costs $0.0035
        server.reply("costly", 1000, 100);
        LlmSession session = session("gpt-4o-2024-08-06", new TaskBudget(0, 0.003));

        assertThatThrownBy(() -> session.chat(ask("expensive")))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("$0.0035 of $0.00");
        assertThat(session.budget().usdSpent()).isCloseTo(0.0035, within(1e-12));
    }

    @Test
    void usageAProviderDoesNotReportIsEstimatedAndSaidToBe() {
        server.replyWith(r -> {
            ObjectNode body = server.completion(r, "twelve chars", 0, 0);
            body.remove("usage");
            return new ScriptedOpenAiServer.Answer(200, body);
        });

        LlmReply reply = session("local-model", TaskBudget.defaults()).chat(ask("Anything"));

        assertThat(reply.tokensOut()).isEqualTo(3);
        assertThat(reply.tokensIn()).isPositive();
        assertThat(reply.costUsd()).as("no price for an unknown model").isNull();
        JsonNode detail = steps.get(1).detail();
        assertThat(detail.path("tokens_estimated").asBoolean()).isTrue();
        assertThat(detail.get("cost_usd").isNull()).isTrue();
    }

    @Test
    void theApiKeyNeverReachesTracesErrorsOrLogs() {
        // a provider that echoes the Authorization header, then one that names the key in its error
        server.replyWith(r -> new ScriptedOpenAiServer.Answer(200,
                server.completion(r, "you sent " + r.header("Authorization"), 10, 10)));
        server.fail(401, "Incorrect API key provided: " + ScriptedOpenAiServer.API_KEY);
        server.fail(503, "Overloaded; key " + ScriptedOpenAiServer.API_KEY + " is queued").reply("done");
        PrintStream stderr = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            LlmSession session = session("gpt-4o-mini", TaskBudget.defaults());
            LlmReply echoed = session.chat(ask("echo"));
            assertThat(echoed.text()).as("the caller gets what the model said").contains(ScriptedOpenAiServer.API_KEY);
            assertThatThrownBy(() -> session.chat(ask("fail")))
                    .isInstanceOf(LlmException.class)
                    .hasMessageContaining("Incorrect API key provided: " + LlmClient.MASK)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(ScriptedOpenAiServer.API_KEY));
            assertThat(session.chat(ask("retried")).text()).isEqualTo("done");
        } finally {
            System.setErr(stderr);
        }
        assertThat(server.requests()).hasSize(4);
        assertThat(steps).extracting(TraceStep::kind).containsExactly(TraceKind.LLM_PROMPT, TraceKind.LLM_RESPONSE,
                TraceKind.LLM_PROMPT, TraceKind.OBSERVATION,
                TraceKind.LLM_PROMPT, TraceKind.OBSERVATION, TraceKind.LLM_RESPONSE);
        assertThat(steps.get(5).content()).startsWith("the model call failed (attempt 1 of 3; trying again in 1000 ms)")
                .contains("Overloaded; key " + LlmClient.MASK + " is queued");
        assertThat(steps.get(1).content()).isEqualTo("you sent Bearer " + LlmClient.MASK);
        assertThat(steps.get(3).content()).contains("the model call failed").contains(LlmClient.MASK);
        for (TraceStep s : steps) {
            assertThat(s.toString()).doesNotContain(ScriptedOpenAiServer.API_KEY);
        }
        assertThat(logged.toString(StandardCharsets.UTF_8)).doesNotContain(ScriptedOpenAiServer.API_KEY);
    }

    @Test
    void aRequestTheProviderRejectsIsNotRetried() {
        server.fail(400, "max_tokens is too large").reply("unused");

        assertThatThrownBy(() -> session("gpt-4o-mini", TaskBudget.defaults()).chat(ask("big")))
                .isInstanceOf(LlmException.class)
                .hasMessage("the model (openai-compatible model gpt-4o-mini at " + server.baseUrl() + ") failed: "
                        + "{\"error\":{\"message\":\"max_tokens is too large\",\"type\":\"invalid_request_error\"}}");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void serverErrorsAreRetriedThreeTimesInAll() {
        server.fail(500, "down").fail(502, "still down").fail(500, "down for good").reply("unused");
        LlmClient client = new LlmClient(server.config("m"), LlmClient.open(server.config("m"), Map.of()).model(),
                PriceTable.DEFAULT, null, java.time.Duration.ofMillis(10));

        assertThatThrownBy(() -> client.session("t-1", TaskBudget.defaults(), steps::add).chat(ask("hello?")))
                .isInstanceOf(LlmException.class)
                .hasMessageContaining("failed 3 times")
                .hasMessageContaining("down for good");
        assertThat(server.requests()).hasSize(3);
        assertThat(steps).extracting(TraceStep::kind).containsExactly(TraceKind.LLM_PROMPT, TraceKind.OBSERVATION,
                TraceKind.OBSERVATION, TraceKind.OBSERVATION);
    }

    @Test
    void aProviderThatNeedsAKeySaysWhichVariableIsMissing() {
        LlmConfig openai = new LlmConfig(LlmKind.OPENAI, "gpt-4o-mini", null, null);
        assertThatThrownBy(() -> LlmClient.open(openai, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("OpenAI needs its API key in the environment variable OPENAI_API_KEY, which is not set");
        LlmConfig anthropic = new LlmConfig(LlmKind.ANTHROPIC, "claude-sonnet-4-5", null, "TEAM_CLAUDE_KEY");
        assertThatThrownBy(() -> LlmClient.open(anthropic, Map.of("ANTHROPIC_API_KEY", "sk-ant-unused-here")))
                .hasMessageContaining("TEAM_CLAUDE_KEY");
    }

    @Test
    void everyKindOpensAClientWithoutCallingIt() {
        Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-openai-123456", "ANTHROPIC_API_KEY", "sk-ant-123456");
        for (LlmKind kind : LlmKind.values()) {
            LlmConfig config = new LlmConfig(kind, "some-model",
                    kind == LlmKind.OPENAI_COMPATIBLE ? "http://127.0.0.1:9/v1" : null, null);
            assertThat(LlmClient.open(config, env).config().kind()).isEqualTo(kind);
        }
        assertThat(ChatModels.anthropicBaseUrl("https://api.anthropic.com")).isEqualTo("https://api.anthropic.com/v1/");
        assertThat(ChatModels.anthropicBaseUrl("https://proxy.example/v1/")).isEqualTo("https://proxy.example/v1/");
    }

    @Test
    void longPromptsAreCutInTheTrace() {
        server.reply("ok");
        String big = "x".repeat(LlmSession.MAX_TRACE_CHARS + 500);

        session("gpt-4o-mini", TaskBudget.defaults()).chat(List.of(UserMessage.from(big)));

        assertThat(server.requests().getFirst().lastMessage().length()).as("the model gets it whole")
                .isEqualTo(big.length());
        String traced = steps.getFirst().content();
        assertThat(traced.length()).isLessThan(LlmSession.MAX_TRACE_CHARS + 100);
        // "[user]\n" and the request, less what was kept
        assertThat(traced.substring(traced.length() - 30)).endsWith("(507 more characters)");
    }

    @Test
    void traceDetailIsPlainJson() {
        server.reply("fine");
        session("gpt-4o-mini", TaskBudget.defaults()).chat(ask("ok?"));
        assertThat(steps.get(1).detail()).isInstanceOf(ObjectNode.class);
        assertThat(JsonNodeFactory.instance.objectNode().setAll((ObjectNode) steps.get(1).detail()).fieldNames())
                .toIterable().containsExactly("provider", "tokens_in", "tokens_out", "latency_ms", "cost_usd",
                        "finish_reason");
    }
}
