package org.symbi.app.showcase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.symbi.agents.Capabilities;
import org.symbi.agents.planner.PlannerAgent;
import org.symbi.app.serve.Room;
import org.symbi.governance.WarrantScope;
import org.symbi.governance.WarrantTerms;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.request.RequestTarget;
import org.symbi.protocol.ActionSpec;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.ErrorReport;
import org.symbi.protocol.LockRequest;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.ModelInfo;
import org.symbi.protocol.Priority;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.Tier;
import org.symbi.sdk.AgentClient;
import org.symbi.sdk.AgentHandler;
import org.symbi.sdk.AgentOptions;
import org.symbi.sdk.Trace;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A small team of real agents that join a room through its gateway (WebSocket, tokens, the Java SDK) and do
 * the kind of work the room exists to watch: a person's request on a small git repository, planned by the
 * built-in planner by its rules (no language model is configured) and waiting for confirmation; a workflow
 * whose tasks they take by capability and answer with reasoning traces, steady traffic at every priority, a
 * lock two of them want, an error, an agent that leaves, and two gated actions (a merge to main, a
 * production deploy) waiting in the approval inbox.
 * {@code symbi screenshots} photographs the room while this team works in it.
 */
public final class DemoTeam implements AutoCloseable {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private record Member(String id, String type, Tier tier, List<String> capabilities, String repository) {
    }

    private static final List<Member> MEMBERS = List.of(
            new Member("planner-1", "planner", Tier.MANAGER, List.of("plan"), "symbi-core"),
            new Member("coder-1", "coder", Tier.SPECIALIST, List.of("code", "git"), "symbi-core"),
            new Member("coder-2", "coder", Tier.SPECIALIST, List.of("code", "git"), "website"),
            new Member("tester-1", "tester", Tier.SPECIALIST, List.of("test"), "symbi-core"),
            new Member("reviewer-1", "reviewer", Tier.SPECIALIST, List.of("review"), "symbi-core"),
            new Member("docs-1", "docs", Tier.WORKER, List.of("docs"), "website"),
            new Member("deployer-1", "deployer", Tier.WORKER, List.of("deploy"), "symbi-core"),
            new Member("builder-1", "builder", Tier.WORKER, List.of("build"), "symbi-core"),
            new Member("builder-2", "builder", Tier.WORKER, List.of("build"), "website"),
            new Member("health-1", "health-monitor", Tier.MONITOR, List.of("health"), null),
            new Member("audit-1", "audit", Tier.MONITOR, List.of("audit"), null));

    private static final String REQUEST = "Add a function that returns the n-th Fibonacci number, with tests";

    private final Room room;
    private final Map<String, AgentClient> clients = new LinkedHashMap<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);

    private DemoTeam(Room room) {
        this.room = room;
    }

    /** Connects the team to the room and sets it to work; returns once every member is registered. */
    public static DemoTeam join(Room room) throws Exception {
        DemoTeam team = new DemoTeam(room);
        team.connectAll();
        team.startWork();
        return team;
    }

    private void connectAll() throws Exception {
        URI ws = URI.create(room.gateway().address());
        for (Member m : MEMBERS) {
            room.tokens().grant(m.id(), Set.copyOf(m.capabilities()),
                    m.repository() == null ? Set.of() : Set.of(m.repository()));
            String token = room.tokens().issue(m.id(), Set.copyOf(m.capabilities()),
                    m.repository() == null ? Set.of() : Set.of(m.repository()));
            AgentCard card = new AgentCard(m.id(), m.type(), m.tier(), m.capabilities(), m.repository(), null, null,
                    "1.4.0", m.tier() == Tier.SPECIALIST ? new ModelInfo("anthropic", "claude-sonnet", "4.5") : null, 2);
            AgentHandler handler = m.capabilities().contains(Capabilities.PLAN)
                    ? PlannerAgent.configured(Optional.empty(), Map.of()) : new Worker(m);
            // each member vouches for its results with a key of its own, as agents that sign their work do
            KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            clients.put(m.id(), AgentClient.connect(ws, token, card, handler,
                    AgentOptions.defaults().withSigningKey(key)));
        }
    }

    private void startWork() throws IOException, GitAPIException {
        Kernel kernel = room.kernel();
        kernel.requests().submit(REQUEST, RequestTarget.of(repository(room.dataDir().resolve("workspace")
                .resolve("fib")), "python3 -m unittest -v"), kernel.localApprover().id());
        kernel.tasks().createWorkflow("wf-rate-limit", "Rate-limit the login endpoint", List.of(
                task("t-design", "Design the rate limiter", "plan", List.of()),
                task("t-implement", "Implement the token bucket", "code", List.of("t-design")),
                task("t-test", "Test lockout and recovery", "test", List.of("t-implement")),
                task("t-review", "Review the change", "review", List.of("t-test")),
                task("t-docs", "Document the new limits", "docs", List.of("t-review")),
                task("t-deploy", "Deploy to production", "deploy", List.of("t-docs"))));
        kernel.tasks().create(task("t-site-build", "Build the website", "build", List.of()));

        requestGatedAction("coder-1", "git.merge", JSON.objectNode().put("repository", "symbi-core")
                        .put("branch", "main").put("source", "feature/login-rate-limit"),
                "Tests pass (42 of 42) and review approved; merging the rate limiter into main.");
        requestGatedAction("deployer-1", "deploy", JSON.objectNode().put("environment", "production")
                        .put("artifact", "symbi-core-1.5.0.tar.gz").put("command", "deploy.sh --env production"),
                "Release 1.5.0 passed staging health checks for 30 minutes.");

        lock("coder-1", "symbi-core:src/auth/LoginController.java");
        lock("coder-2", "symbi-core:src/auth/LoginController.java");
        send("builder-2", Envelope.ORCHESTRATOR, MessageType.ERROR_REPORT, Priority.HIGH,
                room.kernel().codec().toPayload(new ErrorReport("build_failed",
                        "npm run build exited 1: Cannot find module 'postcss-nesting'", null)));
        threads.add(Thread.ofVirtual().name("demo-traffic").start(this::traffic));
    }

    /** A small project on {@code main} with one commit: a git working tree for a request to be about. */
    public static Path repository(Path dir) throws IOException, GitAPIException {
        Files.createDirectories(dir);
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("README.md"), "# fib\n\nSmall numeric helpers.\n");
            Files.writeString(dir.resolve("CHANGELOG.md"), "# Changelog\n\n## Unreleased\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("Start the project").setAuthor("Ada", "ada@example.org")
                    .setCommitter("Ada", "ada@example.org").setSign(false).call();
        }
        return dir;
    }

    /** A person issued the agent a warrant for this kind of action; the exact action then waits for approval. */
    private void requestGatedAction(String agentId, String kind, ObjectNode args, String reasoning) {
        room.kernel().governance().issueWarrant(agentId, new WarrantTerms(WarrantScope.kinds(kind),
                room.kernel().clock().instant().plus(Duration.ofHours(8)), 3, 0, Set.of()), "local");
        clients.get(agentId).requestWarrant(new ActionSpec(kind, args), reasoning, null);
    }

    private void lock(String agentId, String resource) {
        send(agentId, Envelope.ORCHESTRATOR, MessageType.RESOURCE_LOCK, Priority.NORMAL,
                room.kernel().codec().toPayload(new LockRequest(resource, Duration.ofMinutes(30).toMillis())));
    }

    private void send(String from, String to, MessageType type, Priority priority, JsonNode payload) {
        clients.get(from).send(Envelope.builder().fromAgent(from).toAgent(to).messageType(type).priority(priority)
                .payload(payload).build());
    }

    /** Steady chatter at every priority, so the topology's edges and the queues have something to show. */
    private void traffic() {
        List<String> ids = new ArrayList<>(clients.keySet());
        Priority[] priorities = Priority.values();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running.get()) {
            String from = ids.get(random.nextInt(ids.size()));
            String to = ids.get(random.nextInt(ids.size()));
            if (!from.equals(to) && clients.containsKey(from)) {
                send(from, to, MessageType.COLLABORATION_INVITE, priorities[random.nextInt(priorities.length)],
                        JSON.objectNode().put("progress", random.nextInt(100)).put("note", "working"));
            }
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static TaskSpec task(String id, String title, String capability, List<String> dependsOn) {
        return new TaskSpec(id, id.equals("t-site-build") ? null : "wf-rate-limit", title, title,
                List.of(capability), List.of(), Priority.NORMAL, null, dependsOn, null, null, null);
    }

    /** Answers tasks with a reasoning trace, then completes them; the build fails once, as builds do. */
    private final class Worker implements AgentHandler {
        private final Member member;

        Worker(Member member) {
            this.member = member;
        }

        @Override
        public void onTask(AgentClient client, TaskSpec task, Envelope request) {
            String model = "claude-sonnet-4.5";
            client.trace(Trace.thought(task.taskId(), "Task: " + task.title()
                    + ". Start from the repository's current state and keep the change small."));
            client.trace(Trace.toolCall(task.taskId(), "read_file", JSON.objectNode()
                    .put("path", "src/auth/LoginController.java").put("lines", "1-80")));
            client.trace(Trace.llmPrompt(task.taskId(), model,
                    "Propose a token-bucket limiter for POST /login: 5 attempts per minute per account."));
            client.trace(Trace.llmResponse(task.taskId(), model, DIFF, 0.86));
            client.trace(Trace.observation(task.taskId(), "{\"tests\": 42, \"failed\": 0, \"duration_ms\": 3810}"));
            pause(task.taskId().equals("t-review") ? Duration.ofMinutes(30) : Duration.ofMillis(600));
            if (member.capabilities().contains("build")) {
                client.failTask(task, "npm run build exited 1");
            } else {
                client.completeTask(task, JSON.objectNode().put("summary", "done: " + task.title()));
            }
        }

        private void pause(Duration d) {
            try {
                Thread.sleep(d);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final String DIFF = """
            --- a/src/auth/LoginController.java
            +++ b/src/auth/LoginController.java
            @@ -18,6 +18,11 @@ public final class LoginController {
                 public Response login(Credentials credentials) {
            +        if (!limiter.tryAcquire(credentials.account())) {
            +            audit.record("login.throttled", credentials.account());
            +            return Response.status(429).header("Retry-After", "60").build();
            +        }
                     return authenticator.authenticate(credentials);
                 }
            """;

    /** One member leaves, so the room shows an agent going offline. */
    public void oneLeaves() {
        AgentClient leaving = clients.remove("builder-2");
        if (leaving != null) {
            leaving.close();
        }
    }

    @Override
    public void close() {
        running.set(false);
        threads.forEach(Thread::interrupt);
        clients.values().forEach(AgentClient::close);
        clients.clear();
    }
}
