package org.symbi.app.bench;

import org.symbi.gateway.Gateway;
import org.symbi.gateway.GatewayConfig;
import org.symbi.governance.AgentTokens;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.supervisor.RoomTokens;
import org.symbi.store.DataDir;
import org.symbi.store.Database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The room of {@code symbi bench gateway}: database, orchestrator, tokens and gateway on loopback, with the rate
 * limits lifted so that the figures are the gateway's, not the limiter's.
 */
final class BenchRoom implements AutoCloseable {
    private final Path dir;
    private final Database db;
    private final Kernel kernel;
    private final AgentTokens tokens;
    private final Gateway gateway;
    private int issued;

    BenchRoom(Path dir) {
        this.dir = dir;
        DataDir data = new DataDir(dir);
        this.db = Database.open(data);
        KernelConfig config = KernelConfig.defaults().toBuilder().ratePerSecond(1_000_000).build();
        this.kernel = new Kernel(db, data, config, InstantSource.system()).start();
        this.tokens = RoomTokens.open(db, data, kernel);
        this.gateway = Gateway.start(kernel, GatewayConfig.local(tokens).withRateLimit(2_000_000, 1_000));
    }

    /** Issues tokens for fresh agents and writes them, one "agent-id token" line each, where a load process reads them. */
    Path agents(int n) throws IOException {
        List<String> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = "bench-agent-" + (issued++);
            tokens.grant(id, Set.of("bench"), Set.of());
            lines.add(id + " " + tokens.issue(id, Set.of("bench"), Set.of()));
        }
        Path file = Files.createTempFile(dir, "agents", ".txt");
        Files.write(file, lines);
        return file;
    }

    String address() {
        return gateway.address();
    }

    int connectedAgents() {
        return gateway.connectedAgents().size();
    }

    Kernel kernel() {
        return kernel;
    }

    @Override
    public void close() {
        gateway.close();
        kernel.close();
        db.close();
    }
}
