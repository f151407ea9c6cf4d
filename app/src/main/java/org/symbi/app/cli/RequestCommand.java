package org.symbi.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.store.DataDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code symbi request}: gives the team of the running room a request about a git working tree, shows the plan
 * and, when asked, confirms it and waits for the completion report. Without a running room there is nobody
 * to plan or do the work, so it says so.
 */
@Command(name = "request", mixinStandardHelpOptions = true,
        description = {"Give the running room's agents a request about a git working tree: the planner plans it "
                + "and the plan is printed; it runs once confirmed (--confirm, `symbi request --confirm-plan ID`, "
                + "or the room's Requests view).",
                "Exit status: 0 done (or planned, without --wait), 1 the request failed or was discarded, "
                        + "2 bad input or no running room."})
final class RequestCommand implements Callable<Integer> {
    private static final List<String> HEADER = List.of("TASK", "CAPABILITIES", "AFTER", "TITLE");
    private static final Set<String> ENDED = Set.of("completed", "failed", "discarded");
    private static final Duration POLL = Duration.ofMillis(500);

    @Parameters(arity = "0..1", paramLabel = "REQUEST", description = "What the team should do.")
    String text;

    @Option(names = "--repo", paramLabel = "DIR", description = "The git working tree (default: the current directory).")
    Path repository = Path.of("");

    @Option(names = "--test-command", paramLabel = "CMD", description = "The test command for this request.")
    String testCommand;

    @Option(names = "--confirm", description = "Confirm the plan as soon as it is ready.")
    boolean confirm;

    @Option(names = "--confirm-plan", paramLabel = "ID", description = "Confirm the plan of an earlier request.")
    String confirmId;

    @Option(names = "--wait", description = "Wait until the request has ended and print its report.")
    boolean await;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "The longest wait (ISO-8601, e.g. PT2H). Default: ${DEFAULT-VALUE}.")
    Duration timeout = Duration.ofHours(3);

    @Mixin
    DataDirOption dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AdminClient room = AdminClient.forRunning(new DataDir(dataDir.path())).orElse(null);
        if (room == null) {
            spec.commandLine().getErr().println("no room runs on " + dataDir.path() + ": start one (`symbi serve` or `symbi`) so its "
                    + "agents can plan and do the work");
            return 2;
        }
        if ((text == null) == (confirmId == null)) {
            spec.commandLine().getErr().println("give either a REQUEST or --confirm-plan ID");
            return 2;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode request;
        if (confirmId != null) {
            request = room.post(AdminClient.item("requests", confirmId, "confirm"), AdminClient.JSON.createObjectNode());
        } else {
            ObjectNode body = AdminClient.JSON.createObjectNode().put("request", text)
                    .put("repository", repository.toAbsolutePath().normalize().toString());
            if (testCommand != null) {
                body.put("test_command", testCommand);
            }
            request = room.post("/admin/requests", body);
            System.out.println("request " + request.path("request_id").asText() + ": planning");
            request = waitWhile(room, request, "planning", deadline);
            if (!request.path("status").asText().equals("awaiting_confirmation")) {
                System.out.println(request.path("detail").asText());
                return 1;
            }
            printPlan(request);
            if (!confirm) {
                System.out.println("confirm with: symbi request --confirm-plan " + request.path("request_id").asText());
                return 0;
            }
            request = room.post(AdminClient.item("requests", request.path("request_id").asText(), "confirm"),
                    AdminClient.JSON.createObjectNode());
        }
        System.out.println(request.path("detail").asText());
        if (!await) {
            return 0;
        }
        request = waitWhile(room, request, "running", deadline);
        System.out.println(request.path("report").path("summary").asText(request.path("detail").asText()));
        return request.path("status").asText().equals("completed") ? 0 : 1;
    }

    private static JsonNode waitWhile(AdminClient room, JsonNode request, String status, long deadline)
            throws Exception {
        String path = AdminClient.item("requests", request.path("request_id").asText());
        while (request.path("status").asText().equals(status)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("request " + request.path("request_id").asText() + " is still "
                        + status + " (" + request.path("detail").asText() + "); it goes on in the room");
            }
            Thread.sleep(POLL.toMillis());
            request = room.get(path);
        }
        return request;
    }

    private static void printPlan(JsonNode request) {
        JsonNode plan = request.path("plan");
        System.out.println(request.path("detail").asText() + "; branch " + plan.path("branch").asText()
                + " from " + plan.path("base").asText());
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (JsonNode t : plan.path("tasks")) {
            List<String> caps = new ArrayList<>();
            t.path("capabilities").forEach(c -> caps.add(c.asText()));
            List<String> after = new ArrayList<>();
            t.path("depends_on").forEach(d -> after.add(d.asText()));
            rows.add(List.of(t.path("task_id").asText(), String.join(",", caps), String.join(",", after),
                    t.path("title").asText() + (t.path("added_by").isTextual() ? "  (added: "
                            + t.path("added_by").asText() + ")" : "")));
        }
        Columns.print(rows);
    }
}
