package org.symbi.kernel.supervisor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.governance.AgentTokens;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.ManualClock;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.protocol.AgentCard;
import org.symbi.store.DataDir;
import org.symbi.store.Database;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real child processes, supervised on a manual clock: only the processes themselves take real time. */
@Timeout(60)
class LocalAgentsTest {
    private static final AtomicInteger DB = new AtomicInteger();
    private static final SupervisorPolicy POLICY = new SupervisorPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30),
            2, Duration.ofMinutes(10), Duration.ofMillis(300), 1024 * 1024, 2);

    private final ManualClock clock = new ManualClock();
    private final Database db = Database.inMemory("local-agents-" + DB.incrementAndGet());
    private final List<KernelEvent> seen = new CopyOnWriteArrayList<>();
    private DataDir dir;
    private Kernel kernel;
    private AgentTokens tokens;
    private LocalAgents agents;

    @BeforeEach
    void open(@TempDir Path tmp) throws IOException {
        dir = new DataDir(tmp);
        Files.createDirectories(dir.resolve("agents"));
        template("crash", "exit 3");
        template("sleeper", "sleep 30");
        template("stubborn", "trap '' TERM; echo ready; sleep 30");
        template("talker", "echo \"id=$SYMBI_AGENT_ID url=$SYMBI_URL\"; echo \"token=$SYMBI_TOKEN\"; echo oops >&2; sleep 30");
        kernel = new Kernel(db, dir, KernelConfig.defaults(), clock);
        kernel.events().subscribe(e -> {
            if (e instanceof KernelEvent.LocalAgentRestarted || e instanceof KernelEvent.LocalAgentFailed) {
                seen.add(e);
            }
        });
        tokens = RoomTokens.open(db, dir, kernel);
        agents = supervisor();
    }

    private LocalAgents supervisor() {
        return new LocalAgents(dir, AgentTemplates.load(dir), tokens, "ws://127.0.0.1:7420/agents", kernel.events(),
                clock, POLICY);
    }

    /** What the next room on the data directory does: a new supervisor, which resumes what was remembered. */
    private List<LocalAgentView> reopen() {
        agents.close();
        agents = supervisor();
        return agents.resume();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private void template(String id, String script) throws IOException {
        Files.writeString(dir.resolve("agents").resolve(id + ".json"), """
                {"id": "%s", "type": "worker", "command": ["sh", "-c", "%s"], "capabilities": ["git"]}
                """.formatted(id, script.replace("\"", "\\\"")));
    }

    @AfterEach
    void close() {
        agents.close();
        kernel.close();
        db.close();
    }

    private LocalAgentView await(String id, Predicate<LocalAgentView> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            LocalAgentView v = agents.find(id).orElseThrow();
            if (condition.test(v)) {
                return v;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("condition not met: " + agents.find(id).orElseThrow());
    }

    private String awaitLog(String id, String text) throws IOException, InterruptedException {
        Path log = agents.logFile(id);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return Files.readString(log);
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no '" + text + "' in " + log);
    }

    private static Predicate<LocalAgentView> in(LocalAgentState state) {
        return v -> v.state() == state;
    }

    @Test
    void aCrashedAgentIsStartedAgainAfterAnExponentialBackoff() throws Exception {
        String id = agents.start("crash").agentId();
        assertThat(id).startsWith("crash-");
        LocalAgentView down = await(id, in(LocalAgentState.RESTARTING));
        assertThat(down.lastExit()).isEqualTo(3);
        assertThat(down.detail()).isEqualTo("exited with status 3");

        clock.advance(Duration.ofMillis(999));
        agents.tick();
        assertThat(agents.find(id).orElseThrow().restarts()).isZero();
        clock.advance(Duration.ofMillis(1));
        agents.tick();
        assertThat(agents.find(id).orElseThrow().restarts()).isEqualTo(1);

        await(id, in(LocalAgentState.RESTARTING));
        clock.advance(Duration.ofMillis(1999)); // the second wait is twice the first
        agents.tick();
        assertThat(agents.find(id).orElseThrow().restarts()).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        agents.tick();
        assertThat(agents.find(id).orElseThrow().restarts()).isEqualTo(2);
        assertThat(seen).filteredOn(KernelEvent.LocalAgentRestarted.class::isInstance).hasSize(2);
    }

    @Test
    void theRoomGivesUpAfterTheRestartBudget() throws Exception {
        String id = agents.start("crash").agentId();
        for (int i = 0; i < POLICY.maxRestarts(); i++) {
            await(id, in(LocalAgentState.RESTARTING));
            clock.advance(Duration.ofSeconds(30));
            agents.tick();
        }
        LocalAgentView failed = await(id, in(LocalAgentState.FAILED));
        assertThat(failed.restarts()).isEqualTo(2);
        assertThat(failed.pid()).isEqualTo(-1);
        assertThat(failed.detail()).contains("gave up after 2 restarts");
        assertThat(seen).last().isInstanceOfSatisfying(KernelEvent.LocalAgentFailed.class,
                e -> assertThat(e.agentId()).isEqualTo(id));
        clock.advance(Duration.ofHours(1));
        agents.tick();
        assertThat(agents.find(id).orElseThrow().state()).isEqualTo(LocalAgentState.FAILED);
        assertThat(reopen()).as("given up on, so not started again").isEmpty();
    }

    @Test
    void theNextRoomStartsTheSupervisedAgentsAgainUnderTheirIdsButNotTheStoppedOnes() throws Exception {
        LocalAgentView kept = agents.start("sleeper");
        LocalAgentView stopped = agents.start("talker");
        agents.stop(stopped.agentId());
        assertThat(Files.readString(dir.resolve("local-agents.json"))).contains(kept.agentId())
                .doesNotContain(stopped.agentId());

        List<LocalAgentView> resumed = reopen();
        assertThat(alive(kept.pid())).as("closing the room stops its agents").isFalse();
        assertThat(resumed).extracting(LocalAgentView::agentId).containsExactly(kept.agentId());
        LocalAgentView again = agents.find(kept.agentId()).orElseThrow();
        assertThat(again.state()).isEqualTo(LocalAgentState.RUNNING);
        assertThat(again.pid()).isPositive().isNotEqualTo(kept.pid());
        assertThat(alive(again.pid())).isTrue();
        assertThat(agents.find(stopped.agentId())).isEmpty();
        assertThat(awaitLog(kept.agentId(), "room started " + kept.agentId() + " as process " + again.pid()))
                .contains("as process " + kept.pid());

        agents.stop(kept.agentId());
        assertThat(reopen()).isEmpty();
    }

    @Test
    void anAgentWhoseTemplateIsGoneIsForgotten() throws Exception {
        String id = agents.start("sleeper").agentId();
        agents.close();
        Files.delete(dir.resolve("agents").resolve("sleeper.json"));
        agents = supervisor();
        assertThat(agents.resume()).isEmpty();
        assertThat(agents.find(id)).isEmpty();

        template("sleeper", "sleep 30");
        assertThat(reopen()).as("forgotten for good").isEmpty();
    }

    @Test
    void stopSendsSigtermAndTheAgentIsNotRestarted() throws Exception {
        LocalAgentView started = agents.start("sleeper");
        ProcessHandle process = ProcessHandle.of(started.pid()).orElseThrow();
        LocalAgentView stopped = agents.stop(started.agentId());
        assertThat(stopped.state()).isEqualTo(LocalAgentState.STOPPED);
        assertThat(stopped.lastExit()).isEqualTo(143); // 128 + SIGTERM
        assertThat(process.isAlive()).isFalse();
        clock.advance(Duration.ofMinutes(5));
        agents.tick();
        assertThat(agents.find(started.agentId()).orElseThrow().state()).isEqualTo(LocalAgentState.STOPPED);
    }

    @Test
    void anAgentThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws Exception {
        LocalAgentView started = agents.start("stubborn");
        awaitLog(started.agentId(), "ready");
        long before = System.nanoTime();
        LocalAgentView stopped = agents.stop(started.agentId());
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(POLICY.stopGrace());
        assertThat(stopped.lastExit()).isEqualTo(137); // 128 + SIGKILL
        assertThat(ProcessHandle.of(started.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void outputGoesToTheAgentsLogAndItsTokenToItsEnvironment() throws Exception {
        String id = agents.start("talker").agentId();
        assertThat(agents.logFile(id)).isEqualTo(dir.resolve("logs").resolve(id + ".log"));
        String text = awaitLog(id, "oops");
        assertThat(text).contains("id=" + id + " url=ws://127.0.0.1:7420/agents").contains("oops");
        String token = text.lines().filter(l -> l.startsWith("token=")).findFirst().orElseThrow().substring(6);
        assertThat(tokens.verify(token).agentId()).isEqualTo(id);
        assertThat(tokens.verify(token).capabilities()).containsExactly("git");
    }

    @Test
    void theRoomsJavaClassPathAndDataDirectoryFillATemplatesPlaceholders() throws Exception {
        Files.writeString(dir.resolve("agents").resolve("java.json"), """
                {"id": "java", "command": ["{java}", "-version"]}
                """);
        Files.writeString(dir.resolve("agents").resolve("where.json"), """
                {"id": "where", "command": ["sh", "-c", "echo where=$WHERE; echo cp=$CP; sleep 30"],
                 "env": {"WHERE": "{data_dir}/x {prompt}", "CP": "{classpath}"}}
                """);
        agents.close();
        agents = supervisor();
        String launcher = agents.start("java").agentId();
        assertThat(awaitLog(launcher, "exited with status")).contains("version \"" + Runtime.version().feature())
                .contains("exited with status 0");
        String where = agents.start("where").agentId();
        String text = awaitLog(where, "cp=");
        assertThat(text).contains("where=" + dir.root() + "/x {prompt}");
        String classPath = text.lines().filter(l -> l.startsWith("cp=")).findFirst().orElseThrow().substring(3);
        assertThat(classPath.split(File.pathSeparator)).isNotEmpty()
                .allSatisfy(entry -> assertThat(Path.of(entry)).isAbsolute());
    }

    @Test
    void anAgentThatLosesItsHeartbeatIsRestarted() throws Exception {
        LocalAgentView started = agents.start("sleeper");
        String id = started.agentId();
        kernel.registry().register(AgentCard.of(id, "worker", List.of("git")));
        kernel.registry().markOffline(id, "heartbeat timeout");
        agents.tick();
        LocalAgentView lost = agents.find(id).orElseThrow();
        assertThat(lost.state()).isEqualTo(LocalAgentState.RESTARTING);
        assertThat(lost.detail()).isEqualTo("heartbeat lost");
        clock.advance(Duration.ofSeconds(1));
        agents.tick();
        LocalAgentView again = await(id, v -> v.state() == LocalAgentState.RUNNING && v.pid() > 0);
        assertThat(again.restarts()).isEqualTo(1);
        assertThat(again.pid()).isNotEqualTo(started.pid());
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ProcessHandle.of(started.pid()).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(ProcessHandle.of(started.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void unknownTemplatesAndAgentsAreRefusedByName() {
        assertThatThrownBy(() -> agents.start("nope")).hasMessageContaining("unknown agent template 'nope'")
                .hasMessageContaining("known: ").hasMessageContaining("crash, ").hasMessageContaining("echo-node, ")
                .hasMessageContaining(", sleeper, stubborn, talker");
        assertThatThrownBy(() -> agents.stop("ghost-1")).hasMessage("no local agent ghost-1");
    }

    @Test
    void logsRotateAtTheirSizeLimit(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("logs").resolve("a.log");
        try (RotatingLog log = new RotatingLog(file, 100, 2)) {
            for (int i = 0; i < 10; i++) {
                log.note("x".repeat(40));
            }
        }
        assertThat(Files.size(file)).isLessThanOrEqualTo(100);
        assertThat(file.resolveSibling("a.log.1")).exists();
        assertThat(file.resolveSibling("a.log.2")).exists();
        assertThat(file.resolveSibling("a.log.3")).doesNotExist();
    }
}
