package org.symbi.app.cli;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.agents.BuiltInTeam;
import org.symbi.app.serve.BuiltInAgents;
import org.symbi.app.serve.Room;
import org.symbi.gateway.GatewayConfig;
import org.symbi.kernel.request.RequestStatus;
import org.symbi.kernel.request.RequestView;
import org.symbi.store.DataDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code symbi request} against a room that runs its own planner and git agent. */
@Timeout(120)
class RequestCommandTest {
    @TempDir
    Path tmp;
    private Room room;
    private final Symbi symbi = new Symbi();

    @AfterEach
    void close() {
        symbi.close();
        if (room != null) {
            room.close();
        }
    }

    @Test
    void aRequestIsPlannedByTheRoomsPlannerPrintedAndConfirmed() throws Exception {
        Path data = tmp.resolve("data");
        room = Room.open(new DataDir(data), GatewayConfig::local,
                new BuiltInAgents(List.of("planner", "git"), List.of()), step -> { });
        BuiltInTeam team = room.startBuiltInAgents().join();
        assertThat(team.failures()).isEmpty();
        assertThat(team.running()).hasSize(2);
        Path repo = repository();

        int planned = symbi.run("request", "Fix the typos in the README", "--repo", repo.toString(),
                "--data", data.toString());
        String out = symbi.output();
        assertThat(planned).as(out + symbi.errors()).isZero();
        assertThat(out).contains("planned by rules (no language model)").contains("write-docs")
                .contains("confirm with: symbi request --confirm-plan req-");
        String id = out.substring(out.indexOf("--confirm-plan ") + "--confirm-plan ".length()).strip();

        assertThat(symbi.run("request", "--confirm-plan", id, "--data", data.toString())).isZero();
        assertThat(symbi.output()).contains("confirmed by local");
        RequestView running = room.kernel().requests().find(id).orElseThrow();
        assertThat(running.status()).isEqualTo(RequestStatus.RUNNING);
        assertThat(room.kernel().governance().liveWarrants()).anyMatch(w -> id.equals(w.planId())
                && w.agentId().equals("git-1"));

        assertThat(symbi.run("request", "--confirm-plan", id, "--data", data.toString())).isNotZero();
        assertThat(symbi.errors()).contains("running");
    }

    @Test
    void withoutARunningRoomItSaysWhoWouldDoTheWork() {
        assertThat(symbi.run("request", "Add fib", "--data", tmp.toString())).isEqualTo(2);
        assertThat(symbi.errors()).contains("no room runs on");
    }

    private Path repository() throws Exception {
        Path repo = tmp.resolve("notes");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("README.md"), "# Notes\n\nTeh notes.\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("Start").setAuthor("Ada", "ada@example.org").setCommitter("Ada", "ada@example.org")
                    .setSign(false).call();
        }
        return repo;
    }
}
