package org.symbi.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.symbi.store.DataDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code symbi agent}: local agents supervised by the running room. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Start, list and stop local agents supervised by the running room or serve.",
        subcommands = {AgentCommand.Start.class, AgentCommand.ListAgents.class, AgentCommand.Stop.class})
final class AgentCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Agents live as children of the room: without one running there is nobody to supervise them. */
    private static AdminClient room(Path data) {
        DataDir dir = new DataDir(data);
        return AdminClient.forRunning(dir).orElseThrow(() -> new IllegalStateException(
                "no room runs on " + dir.root() + "; local agents need a running room to supervise them"
                        + " (start one with: symbi serve --data " + dir.root() + ")"));
    }

    static String line(JsonNode a) {
        StringBuilder s = new StringBuilder(a.path("agent_id").asText()).append("  template ")
                .append(a.path("template").asText()).append("  ").append(a.path("state").asText());
        if (a.path("pid").asLong(-1) > 0) {
            s.append("  pid ").append(a.path("pid").asLong());
        }
        s.append("  restarts ").append(a.path("restarts").asInt());
        if (a.hasNonNull("started_at")) {
            s.append("  started ").append(a.path("started_at").asText());
        }
        if (a.hasNonNull("detail")) {
            s.append("  (").append(a.path("detail").asText()).append(')');
        }
        return s.toString();
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start an agent from a template (shipped, or agents/TEMPLATE.json in the data directory).")
    static final class Start implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "TEMPLATE", description = "The template's id.")
        String template;

        @Mixin
        DataDirOption dataDir;

        @Override
        public Integer call() throws Exception {
            JsonNode agent = room(dataDir.path()).post("/admin/agents/start", AdminClient.JSON.createObjectNode().put("template", template));
            System.out.println(line(agent));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the local agents of the running room.")
    static final class ListAgents implements Callable<Integer> {
        @Mixin
        DataDirOption dataDir;

        @Override
        public Integer call() throws Exception {
            JsonNode agents = room(dataDir.path()).get("/admin/agents").path("agents");
            if (agents.isEmpty()) {
                System.out.println("no local agents");
            }
            agents.forEach(a -> System.out.println(line(a)));
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stop a local agent: SIGTERM, then SIGKILL if it has not exited after the grace period.")
    static final class Stop implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "The agent's id, as shown by symbi agent list.")
        String agentId;

        @Mixin
        DataDirOption dataDir;

        @Override
        public Integer call() throws Exception {
            JsonNode agent = room(dataDir.path()).post(AdminClient.item("agents", agentId, "stop"),
                    AdminClient.JSON.createObjectNode());
            System.out.println(line(agent));
            return 0;
        }
    }
}
