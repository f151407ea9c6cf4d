package org.symbi.kernel.bus;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who listens to which event topic. A subscription is an exact topic ({@code code.generated}) or a prefix
 * ending in {@code *} ({@code code.*}); kept in the store so that it survives restarts.
 */
final class TopicDirectory {
    private final Map<String, Set<String>> agentsByPattern = new ConcurrentHashMap<>();

    void add(String agentId, String pattern) {
        agentsByPattern.computeIfAbsent(pattern, p -> ConcurrentHashMap.newKeySet()).add(agentId);
    }

    void remove(String agentId, String pattern) {
        Set<String> agents = agentsByPattern.get(pattern);
        if (agents != null) {
            agents.remove(agentId);
        }
    }

    /** Subscribers of a topic, in a stable order, each once. */
    List<String> subscribers(String topic) {
        Set<String> out = new LinkedHashSet<>();
        agentsByPattern.forEach((pattern, agents) -> {
            if (matches(pattern, topic)) {
                out.addAll(agents);
            }
        });
        return new ArrayList<>(out);
    }

    static boolean matches(String pattern, String topic) {
        if (pattern.endsWith("*")) {
            return topic.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(topic);
    }
}
