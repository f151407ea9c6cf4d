package org.symbi.kernel.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.symbi.store.DataDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local agents a room supervises, kept in the data directory's {@code local-agents.json} so that the
 * room starts them again when it next opens: {@code {"agents": [{"agent_id": "…", "template": "…"}]}}.
 * Rewritten whole on every change (atomically); agents stopped on request are no longer in it.
 */
final class RememberedAgents {
    static final String FILE = "local-agents.json";
    private static final Logger LOG = LoggerFactory.getLogger(RememberedAgents.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    /** Agent id to template id, in the order the agents were started. */
    private final Map<String, String> agents = new LinkedHashMap<>();

    RememberedAgents(DataDir dir) {
        this.file = dir.resolve(FILE);
        read();
    }

    /** What the file holds; an unreadable file is reported and counts as empty, as nothing can be resumed from it. */
    private void read() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            for (JsonNode a : JSON.readTree(Files.readString(file)).path("agents")) {
                String id = a.path("agent_id").asText("");
                String template = a.path("template").asText("");
                if (!id.isEmpty() && !template.isEmpty()) {
                    agents.put(id, template);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot read {}; no local agents are resumed from it: {}", file, e.getMessage());
        }
    }

    /** Agent id to template id. */
    synchronized Map<String, String> all() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(agents));
    }

    synchronized void remember(String agentId, String templateId) {
        if (!templateId.equals(agents.put(agentId, templateId))) {
            write();
        }
    }

    synchronized void forget(String agentId) {
        if (agents.remove(agentId) != null) {
            write();
        }
    }

    private void write() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("agents");
        agents.forEach((id, template) -> list.addObject().put("agent_id", id).put("template", template));
        AtomicFile.write(file, root.toPrettyString() + "\n");
    }
}
