package org.symbi.app.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.bus.InboxDepth;
import org.symbi.kernel.registry.AgentView;
import org.symbi.protocol.Priority;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A read-only HTTP endpoint of a headless orchestrator on the loopback interface: {@code /health} for
 * supervisors and load balancers, {@code /api/status} for people and scripts.
 */
public final class StatusServer {
    private final HttpServer http;
    private final Kernel kernel;
    private final ObjectMapper json = new ObjectMapper();

    private StatusServer(HttpServer http, Kernel kernel) {
        this.http = http;
        this.kernel = kernel;
    }

    public static StatusServer start(Kernel kernel, int port) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        StatusServer server = new StatusServer(http, kernel);
        http.createContext("/health", ex -> server.respond(ex, server.json.createObjectNode().put("status", "ok")));
        http.createContext("/api/status", ex -> server.respond(ex, server.status()));
        http.setExecutor(Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name("symbi-status-http").daemon(true).unstarted(r)));
        http.start();
        return server;
    }

    public String address() {
        InetSocketAddress a = http.getAddress();
        return "http://" + a.getHostString() + ":" + a.getPort();
    }

    private ObjectNode status() {
        ObjectNode root = json.createObjectNode();
        ArrayNode agents = root.putArray("agents");
        for (AgentView v : kernel.registry().all()) {
            agents.addObject()
                    .put("agent_id", v.agentId())
                    .put("agent_type", v.card().agentType())
                    .put("status", v.status().wire())
                    .put("load", v.load())
                    .put("active_tasks", v.activeTasks())
                    .put("last_heartbeat", v.lastHeartbeat().toString());
        }
        ArrayNode queues = root.putArray("queues");
        for (InboxDepth d : kernel.bus().depths()) {
            ObjectNode q = queues.addObject().put("agent_id", d.agentId()).put("processing", d.processing())
                    .put("attached", d.attached());
            for (Priority p : Priority.values()) {
                q.put(p.wire(), d.lanes()[p.lane()]);
            }
        }
        root.put("messages_accepted", kernel.bus().acceptedCount());
        root.put("disk_syncs", kernel.bus().syncCount());
        return root;
    }

    private void respond(HttpExchange ex, ObjectNode body) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    public void stop() {
        http.stop(0);
    }
}
