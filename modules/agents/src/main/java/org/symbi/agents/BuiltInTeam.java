package org.symbi.agents;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The built-in agents run inside the room's own process: each is built from the environment a template
 * would give it ({@link AgentKind#create}) and connects through the gateway with a token the room issues
 * for it, so it is an ordinary agent on the topology, in the traces and in the ledger. One that cannot
 * start (a model whose key is missing, a malformed configuration file) is reported, and the others start.
 */
public final class BuiltInTeam implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BuiltInTeam.class.getName());

    /** The kinds of the team, in the order they start. */
    public static final List<String> KINDS = List.of("planner", "coding", "git", "test", "review", "docs", "deploy");

    /** The id each kind runs under, and the capability the room grants it (which the agent may not claim). */
    private static final Map<String, Member> MEMBERS = Map.of(
            "planner", new Member("planner-1", Capabilities.PLAN),
            "coding", new Member("coder-1", Capabilities.CODE),
            "git", new Member("git-1", Capabilities.GIT),
            "test", new Member("tester-1", Capabilities.TEST),
            "review", new Member("reviewer-1", Capabilities.REVIEW),
            "docs", new Member("docs-1", Capabilities.DOCS),
            "deploy", new Member("deployer-1", Capabilities.DEPLOY));

    private record Member(String agentId, String capability) {
    }

    /** Where the agents' tokens come from: the room grants the capabilities to the agent, then issues a token. */
    @FunctionalInterface
    public interface TokenSource {
        String token(String agentId, Set<String> capabilities);
    }

    private final List<AgentMain.Running> running;
    private final Map<String, String> failures;

    private BuiltInTeam(List<AgentMain.Running> running, Map<String, String> failures) {
        this.running = List.copyOf(running);
        this.failures = Map.copyOf(failures);
    }

    /**
     * Starts agents of these kinds ({@link #KINDS}) and waits until each is connected or has failed.
     *
     * @param room        the room's socket address, {@code ws://HOST:PORT/ws}
     * @param environment the agents' settings, as a template's environment gives them: {@code SYMBI_DATA_DIR},
     *                    the language model's {@code SYMBI_LLM_*} and the variable holding its key, …
     */
    public static BuiltInTeam start(URI room, Map<String, String> environment, TokenSource tokens, List<String> kinds) {
        Map<String, AgentKind> known = AgentKind.all();
        List<AgentMain.Running> running = new ArrayList<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (String kind : kinds) {
            Member member = MEMBERS.get(kind);
            try {
                if (member == null || !known.containsKey(kind)) {
                    throw new IllegalArgumentException("there is no built-in agent of kind " + kind + " (kinds: "
                            + String.join(", ", KINDS) + ")");
                }
                Map<String, String> env = new HashMap<>(environment);
                env.put("SYMBI_URL", room.toString());
                env.put("SYMBI_AGENT_ID", member.agentId());
                env.put("SYMBI_TOKEN", tokens.token(member.agentId(), Set.of(member.capability())));
                running.add(AgentMain.start(known.get(kind), new AgentEnv(env)));
            } catch (IOException | RuntimeException e) {
                String why = e.getMessage() != null ? e.getMessage() : e.toString();
                failures.put(kind, why);
                LOG.log(System.Logger.Level.WARNING, "the built-in {0} agent did not start: {1}", kind, why);
            }
        }
        return new BuiltInTeam(running, failures);
    }

    /** The agents that started, in the order they did. */
    public List<AgentMain.Running> running() {
        return running;
    }

    /** Why each kind that did not start did not, by kind. */
    public Map<String, String> failures() {
        return failures;
    }

    /** Stops every agent of the team: its own work, then its connection; the room then shows it offline. */
    @Override
    public void close() {
        running.reversed().forEach(AgentMain.Running::close);
    }
}
