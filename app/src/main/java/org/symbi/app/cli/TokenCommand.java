package org.symbi.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.governance.AgentTokens;
import org.symbi.kernel.supervisor.RoomTokens;
import org.symbi.store.DataDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code symbi token}: agent tokens for agents started outside the room. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Issue agent tokens.",
        subcommands = {TokenCommand.Issue.class})
final class TokenCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Grant an agent id these capabilities and repositories and print a token (JWT) for it.")
    static final class Issue implements Callable<Integer> {
        @Option(names = "--agent", required = true, paramLabel = "ID", description = "The agent's id.")
        String agentId;

        @Option(names = "--capabilities", split = ",", paramLabel = "CAP", description = "Capabilities, comma-separated.")
        List<String> capabilities = List.of();

        @Option(names = "--repos", split = ",", paramLabel = "REPO", description = "Repositories, comma-separated.")
        List<String> repos = List.of();

        @Mixin
        DataDirOption dataDir;

        @Override
        public Integer call() throws Exception {
            Set<String> caps = new LinkedHashSet<>(capabilities);
            Set<String> repositories = new LinkedHashSet<>(repos);
            Optional<AdminClient> room = AdminClient.forRunning(new DataDir(dataDir.path()));
            String token;
            if (room.isPresent()) {
                ObjectNode body = AdminClient.JSON.createObjectNode().put("agent", agentId);
                body.set("capabilities", AdminClient.JSON.valueToTree(caps));
                body.set("repos", AdminClient.JSON.valueToTree(repositories));
                token = room.get().post("/admin/tokens", body).path("token").asText();
            } else {
                token = LocalRoom.with(dataDir.path(), (db, dir, kernel) -> {
                    AgentTokens tokens = RoomTokens.open(db, dir, kernel);
                    tokens.grant(agentId, caps, repositories);
                    return tokens.issue(agentId, caps, repositories);
                });
            }
            System.out.println(token);
            return 0;
        }
    }
}
