package org.symbi.agents.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A local OpenAI-compatible server for tests: answers {@code POST /v1/chat/completions} with scripted
 * replies, in order, and records every request it was sent, so a test exercises the real langchain4j client
 * (request building, HTTP, response parsing) without a network. A request with nothing left in the script is
 * answered with HTTP 500 and recorded all the same.
 *
 * <pre>{@code
 * try (ScriptedOpenAiServer server = ScriptedOpenAiServer.start()) {
 *     server.reply("{\"tasks\": []}", 120, 30);
 *     LlmConfig config = server.config("gpt-4o-mini");
 *     ... LlmClient.open(config, server.environment()) ...
 *     server.requests().getFirst().body().path("model")
 * }
 * }</pre>
 */
public final class ScriptedOpenAiServer implements AutoCloseable {
    /** The key {@link #environment()} provides, to check that it reaches the server and nothing else. */
    public static final String API_KEY = "sk-test-4f9c2e71b8d0a6a3c5e1";
    public static final String API_KEY_ENV = "SCRIPTED_OPENAI_KEY";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the server received it. */
    public record Received(String method, String path, Map<String, List<String>> headers, JsonNode body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

        /** The text of the last message the client sent. */
        public String lastMessage() {
            JsonNode messages = body.path("messages");
            return messages.get(messages.size() - 1).path("content").asText();
        }
    }

    /** An HTTP answer: a status and a JSON body. */
    public record Answer(int status, JsonNode body) {
    }

    private final HttpServer http;
    private final Deque<Function<Received, Answer>> script = new ArrayDeque<>();
    private final List<Received> requests = new ArrayList<>();
    private int completions;

    private ScriptedOpenAiServer(HttpServer http) {
        this.http = http;
    }

    /** Listens on a free loopback port. */
    public static ScriptedOpenAiServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ScriptedOpenAiServer server = new ScriptedOpenAiServer(http);
        http.createContext("/", server::handle);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.start();
        return server;
    }

    /** The base URL an OpenAI client is given: {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://" + http.getAddress().getAddress().getHostAddress() + ":" + http.getAddress().getPort() + "/v1";
    }

    /** An OpenAI-compatible provider at this server, its key read from {@link #API_KEY_ENV}. */
    public LlmConfig config(String model) {
        return new LlmConfig(LlmKind.OPENAI_COMPATIBLE, model, baseUrl(), API_KEY_ENV);
    }

    /** An environment holding {@link #API_KEY} in {@link #API_KEY_ENV}. */
    public Map<String, String> environment() {
        return Map.of(API_KEY_ENV, API_KEY);
    }

    /** Next, a completion with this content and usage. */
    public synchronized ScriptedOpenAiServer reply(String content, int promptTokens, int completionTokens) {
        script.add(r -> new Answer(200, completion(r, content, promptTokens, completionTokens)));
        return this;
    }

    /** Next, a completion with this content and small usage figures. */
    public ScriptedOpenAiServer reply(String content) {
        return reply(content, 100, 50);
    }

    /** Next, whatever {@code answer} makes of the request (to echo parts of it, say). */
    public synchronized ScriptedOpenAiServer replyWith(Function<Received, Answer> answer) {
        script.add(answer);
        return this;
    }

    /** Next, an API error with this HTTP status and message, as OpenAI words them. */
    public synchronized ScriptedOpenAiServer fail(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", "invalid_request_error");
        script.add(r -> new Answer(status, body));
        return this;
    }

    /** A completion body answering {@code request} with {@code content}. */
    public synchronized ObjectNode completion(Received request, String content, int promptTokens, int completionTokens) {
        ObjectNode body = JSON.createObjectNode()
                .put("id", "chatcmpl-" + (++completions))
                .put("object", "chat.completion")
                .put("created", System.currentTimeMillis() / 1000)
                .put("model", request.body().path("model").asText("unknown"));
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        body.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return body;
    }

    /** Every request received so far, in order. */
    public synchronized List<Received> requests() {
        return List.copyOf(requests);
    }

    /** How many scripted answers are still to be given. */
    public synchronized int remaining() {
        return script.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
            Received received = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    copy(exchange.getRequestHeaders()), body);
            Function<Received, Answer> next;
            synchronized (this) {
                requests.add(received);
                next = received.path().endsWith("/chat/completions") ? script.poll() : null;
            }
            Answer answer = next != null ? next.apply(received) : new Answer(500, JSON.createObjectNode()
                    .set("error", JSON.createObjectNode().put("message", "nothing scripted for " + received.path())));
            byte[] out = JSON.writeValueAsBytes(answer.body());
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        }
    }

    private static Map<String, List<String>> copy(Headers headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
