package org.symbi.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenAI-compatible chat completions endpoint on loopback that answers every request with a scripted
 * reply naming the role it was asked as, so the real client, its requests and its response parsing run.
 */
public final class ScriptedModel implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    public ScriptedModel() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", this::complete);
        server.start();
    }

    /** The base URL a client is configured with. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The request bodies received, oldest first. */
    public List<JsonNode> requests() {
        return requests;
    }

    /** The system prompt and the first line of the user's message, as the reply quotes them. */
    public static String reply(String system, String user) {
        return "As asked by '" + system.substring(0, Math.min(30, system.length())) + "': done with "
                + user.lines().findFirst().orElse("");
    }

    private void complete(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        requests.add(request);
        String system = "";
        String user = "";
        for (JsonNode m : request.path("messages")) {
            if (m.path("role").asText().equals("system")) {
                system = m.path("content").asText();
            } else if (m.path("role").asText().equals("user")) {
                user = m.path("content").isTextual() ? m.path("content").asText()
                        : m.path("content").path(0).path("text").asText();
            }
        }
        ObjectNode answer = JSON.createObjectNode().put("id", "chatcmpl-" + requests.size())
                .put("object", "chat.completion").put("created", System.currentTimeMillis() / 1000)
                .put("model", request.path("model").asText());
        ObjectNode choice = answer.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", reply(system, user));
        answer.putObject("usage").put("prompt_tokens", 42).put("completion_tokens", 7).put("total_tokens", 49);
        byte[] body = JSON.writeValueAsBytes(answer);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
