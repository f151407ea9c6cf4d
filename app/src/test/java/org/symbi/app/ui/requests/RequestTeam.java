package org.symbi.app.ui.requests;

import org.symbi.agents.git.GitAgent;
import org.symbi.agents.git.GitAgentConfig;
import org.symbi.agents.planner.PlannerAgent;
import org.symbi.app.serve.Room;
import org.symbi.protocol.AgentCard;
import org.symbi.sdk.AgentClient;
import org.symbi.sdk.AgentHandler;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * What requests need in a test: a git working tree to be about, and built-in agents (the rules planner, the
 * git agent) connected to the room through its gateway with tokens, as they run in production.
 */
final class RequestTeam implements AutoCloseable {
    static final String FIBONACCI = "Add a function that returns the n-th Fibonacci number, with tests";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Room room;
    private final List<AgentClient> agents = new ArrayList<>();

    RequestTeam(Room room) {
        this.room = room;
    }

    /** The planner without a language model: it plans by the rules. */
    RequestTeam withRulesPlanner() throws Exception {
        PlannerAgent planner = PlannerAgent.configured(Optional.empty(), Map.of());
        return connect(planner.card("planner-1"), planner);
    }

    /** The git agent, working in its own workspace. */
    RequestTeam withGitAgent(Path workspace) throws Exception {
        return connect(GitAgent.card("git-1"), new GitAgent(GitAgentConfig.in(workspace)));
    }

    private RequestTeam connect(AgentCard card, AgentHandler handler) throws Exception {
        room.tokens().grant(card.agentId(), Set.copyOf(card.capabilities()), Set.of());
        String token = room.tokens().issue(card.agentId(), Set.copyOf(card.capabilities()), Set.of());
        agents.add(AgentClient.connect(URI.create(room.gateway().address()), token, card, handler));
        await(() -> { }, () -> room.kernel().registry().find(card.agentId()).map(a -> a.online()).orElse(false));
        return this;
    }

    /** Runs a pulse until the condition holds; fails after a while. */
    static void await(Runnable pulse, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (true) {
            pulse.run();
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        agents.forEach(AgentClient::close);
    }
}
