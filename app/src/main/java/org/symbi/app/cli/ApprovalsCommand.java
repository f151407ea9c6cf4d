package org.symbi.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.symbi.gateway.admin.AdminViews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code symbi approvals}: what waits for people to decide. */
@Command(name = "approvals", mixinStandardHelpOptions = true,
        description = "List the pending approval requests, oldest first: id, agent, action kind, quorum so far "
                + "and age. Decide them with `symbi approve ID` or `symbi deny ID --reason TEXT`.")
final class ApprovalsCommand implements Callable<Integer> {
    private static final List<String> HEADER = List.of("ID", "AGENT", "KIND", "QUORUM", "AGE");

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() throws Exception {
        JsonNode approvals = AdminClient.fromRoomOr(dataDir.path(), "/admin/approvals",
                () -> LocalRoom.with(dataDir.path(), (db, dir, kernel) ->
                        new AdminViews(AdminClient.JSON).pendingApprovals(kernel.governance().approvals())))
                .path("approvals");
        if (approvals.isEmpty()) {
            System.out.println("no pending approval requests");
            return 0;
        }
        Instant now = Instant.now();
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        approvals.forEach(a -> rows.add(List.of(a.path("request_id").asText(), a.path("agent_id").asText(),
                a.path("kind").asText(), a.path("quorum").asText(),
                age(Duration.between(Instant.parse(a.path("created_at").asText()), now)))));
        Columns.print(rows);
        return 0;
    }

    /** How long a request has waited, to the largest two units: 42s, 3m 10s, 5h 2m, 2d 4h. */
    static String age(Duration waited) {
        long s = Math.max(0, waited.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        if (s < 86_400) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        return s / 86_400 + "d " + s % 86_400 / 3600 + "h";
    }
}
