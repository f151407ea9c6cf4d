package org.symbi.app.serve;

import org.symbi.agents.BuiltInTeam;
import org.symbi.gateway.Gateway;
import org.symbi.gateway.GatewayConfig;
import org.symbi.governance.AgentTokens;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.supervisor.AgentTemplates;
import org.symbi.kernel.supervisor.LocalAgents;
import org.symbi.kernel.supervisor.RoomFile;
import org.symbi.kernel.supervisor.RoomTokens;
import org.symbi.kernel.supervisor.SupervisorPolicy;
import org.symbi.sdk.RoomCertificate;
import org.symbi.store.DataDir;
import org.symbi.store.Database;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One running room on a data directory: the database, the kernel with its ledger and governance, the
 * gateway (agents' WebSocket and REST, the admin API, webhooks, dial-out) and the supervisor of local
 * agents. Opened in dependency order, closed in reverse; {@code room.json} tells the command line where it is.
 */
public final class Room implements AutoCloseable {
    private final DataDir dir;
    private final Database db;
    private final Kernel kernel;
    private final Gateway gateway;
    private final LocalAgents localAgents;
    private final BuiltInAgents builtIn;
    /** Started on request once the room is open: the window shows the room first, then its agents join. */
    private CompletableFuture<BuiltInTeam> team;
    private final AgentTokens tokens;

    private Room(DataDir dir, Database db, Kernel kernel, Gateway gateway, LocalAgents localAgents,
                 BuiltInAgents builtIn, AgentTokens tokens) {
        this.dir = dir;
        this.builtIn = builtIn;
        this.tokens = tokens;
        this.db = db;
        this.kernel = kernel;
        this.gateway = gateway;
        this.localAgents = localAgents;
    }

    /**
     * Opens the room without built-in agents; {@code network} says where the gateway listens (its tokens are
     * filled in here).
     */
    public static Room open(DataDir dir, GatewayConfigFactory network) throws IOException {
        return open(dir, network, BuiltInAgents.NONE, step -> { });
    }

    /**
     * Opens the room, ready to run its own agents ({@link #startBuiltInAgents}), and names each step as it begins
     * (the desktop room shows them while it starts). A built-in agent that cannot start is logged; the room
     * works without it.
     */
    public static Room open(DataDir dir, GatewayConfigFactory network, BuiltInAgents builtIn, Consumer<String> progress)
            throws IOException {
        progress.accept("Opening the database and applying migrations");
        Database db = Database.open(dir);
        Kernel kernel = null;
        Gateway gateway = null;
        try {
            progress.accept("Starting the orchestrator and checking the ledger");
            kernel = new Kernel(db, dir, KernelConfig.defaults(), InstantSource.system()).start();
            AgentTokens tokens = RoomTokens.open(db, dir, kernel);
            AtomicReference<LocalAgents> agents = new AtomicReference<>();
            progress.accept("Starting the gateway");
            try {
                gateway = Gateway.start(kernel, network.config(tokens), dir, agents::get);
            } catch (RuntimeException e) {
                if (causedBy(e, BindException.class)) {
                    throw new IOException("the gateway's port is in use; choose another with --port", e);
                }
                throw e;
            }
            List<X509Certificate> certificates = gateway.certificates();
            RoomFile.writeCertificate(dir, certificates.isEmpty() ? null : RoomCertificate.pem(certificates));
            progress.accept("Starting local agents");
            LocalAgents local = new LocalAgents(dir, AgentTemplates.load(dir), tokens, gateway.address(),
                    kernel.events(), kernel.clock(), SupervisorPolicy.defaults()).supervise(Duration.ofMillis(250));
            agents.set(local);
            RoomFile.write(dir, gateway.httpAddress(), Instant.now());
            return new Room(dir, db, kernel, gateway, local, builtIn, tokens);
        } catch (IOException | RuntimeException e) {
            if (gateway != null) {
                gateway.close();
            }
            if (kernel != null) {
                kernel.close();
            }
            db.close();
            throw e;
        }
    }

    /** Builds the gateway's configuration once the room's token issuer exists. */
    @FunctionalInterface
    public interface GatewayConfigFactory {
        GatewayConfig config(AgentTokens tokens);
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    public Kernel kernel() {
        return kernel;
    }

    public Gateway gateway() {
        return gateway;
    }

    /**
     * Starts the room's own agents in the background, once; completes with them when each has connected or
     * failed (null for a room opened without them). The desktop room calls it once its first frame is up, so
     * they do not compete with the window for the processor while it opens.
     */
    public synchronized CompletableFuture<BuiltInTeam> startBuiltInAgents() {
        if (team == null) {
            URI address = URI.create(gateway.address());
            team = builtIn.kinds().isEmpty() ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.supplyAsync(() -> builtIn.start(address, dir, tokens, System.getenv()),
                    runnable -> Thread.ofVirtual().name("symbi-built-in-agents").start(runnable));
        }
        return team;
    }

    public LocalAgents localAgents() {
        return localAgents;
    }

    /** Issues and checks the agents' tokens. */
    public AgentTokens tokens() {
        return tokens;
    }

    public DataDir dataDir() {
        return dir;
    }

    @Override
    public void close() {
        RoomFile.remove(dir);
        CompletableFuture<BuiltInTeam> starting;
        synchronized (this) {
            starting = team;
            team = CompletableFuture.completedFuture(null); // none start once closing has begun
        }
        BuiltInTeam started = starting == null ? null : starting.exceptionally(failure -> null).join();
        if (started != null) {
            started.close();
        }
        localAgents.close();
        gateway.close();
        kernel.close();
        db.close();
    }
}
