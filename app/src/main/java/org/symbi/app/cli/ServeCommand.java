package org.symbi.app.cli;

import org.symbi.app.serve.StatusServer;
import org.symbi.kernel.Kernel;
import org.symbi.kernel.KernelConfig;
import org.symbi.kernel.supervisor.AdminToken;
import org.symbi.kernel.supervisor.RoomFile;
import org.symbi.store.DataDir;
import org.symbi.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code symbi serve}: the orchestrator without a window, for servers. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the orchestrator headless on a data directory until stopped (Ctrl-C or SIGTERM).")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: ${DEFAULT-VALUE}).")
    Path data = DataDir.defaultLocation();

    @Option(names = "--port", paramLabel = "N", defaultValue = "7420",
            description = "TCP port of the HTTP endpoint on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws Exception {
        DataDir dir = new DataDir(data);
        Database db = Database.open(dir);
        Kernel kernel;
        try {
            kernel = new Kernel(db, dir, KernelConfig.defaults(), InstantSource.system()).start();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        StatusServer server;
        try {
            server = StatusServer.start(kernel, port);
        } catch (BindException e) {
            kernel.close();
            db.close();
            throw new IOException("port " + port + " is in use; choose another with --port", e);
        }
        // The command line finds this instance through room.json and authenticates with admin.token.
        AdminToken.loadOrCreate(dir);
        RoomFile.write(dir, server.address(), Instant.now());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            RoomFile.remove(dir);
            server.stop();
            kernel.close();
            db.close();
            stopped.countDown();
        }, "symbi-shutdown"));
        System.out.println("SYMBI orchestrator serving " + dir.root() + " at " + server.address());
        System.out.println("health: " + server.address() + "/health  status: " + server.address() + "/api/status");
        stopped.await();
        return 0;
    }
}
