package org.symbi.agents;

import java.io.IOException;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * A kind of built-in agent that {@link AgentMain} can start by name, from the settings in its environment.
 * Kinds are found with {@link ServiceLoader} ({@code META-INF/services/org.symbi.agents.AgentKind}), so a
 * package adds its agent without this one knowing it.
 */
public interface AgentKind {

    /** The name a template's command gives, e.g. {@code health}. */
    String name();

    /** A new agent of this kind, configured from its environment; bad settings fail with a clear message. */
    BuiltInAgent create(AgentEnv env) throws IOException;

    /** Every kind on the class path, by name. */
    static Map<String, AgentKind> all() {
        Map<String, AgentKind> byName = new TreeMap<>();
        ServiceLoader.load(AgentKind.class).forEach(k -> byName.put(k.name(), k));
        return byName;
    }
}
