package org.symbi.app.cli;

import org.symbi.app.serve.GatewayBinding;
import org.symbi.app.serve.Room;
import org.symbi.app.serve.SelfTest;
import org.symbi.store.DataDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code symbi serve}: the room without a window, for servers. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the orchestrator and its gateway headless on a data directory until stopped (Ctrl-C or SIGTERM).")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    DataDirOption dataDir;

    @Option(names = "--port", paramLabel = "N", defaultValue = "7420",
            description = "TCP port of the gateway: agents' WebSocket, REST and the admin API (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--keystore", paramLabel = "FILE", description = "A PKCS#12 or JKS keystore: serve wss:// and https://.")
    Path keystore;

    @Option(names = "--keystore-password", paramLabel = "SECRET", description = "The keystore's password "
            + "(default: the SYMBI_KEYSTORE_PASSWORD environment variable).")
    String keystorePassword = System.getenv(GatewayBinding.PASSWORD_ENV);

    @Mixin
    BuiltInAgentsOption builtIn;

    @Option(names = "--self-test", description = "Check this installation and exit: open a room on a temporary data "
            + "directory, connect two agents through its gateway, route a message between them, verify the ledger; "
            + "prints a JSON line; exit status 0 when every step passed.")
    boolean selfTest;

    @Override
    public Integer call() throws Exception {
        if (selfTest) {
            return SelfTest.run(Path.of(System.getProperty("java.io.tmpdir")), System.out, System.err);
        }
        DataDir dir = new DataDir(dataDir.path());
        Room room = Room.open(dir, new GatewayBinding(host, port, keystore, keystorePassword), builtIn.resolve(dir),
                step -> { });
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            room.close();
            stopped.countDown();
        }, "symbi-shutdown"));
        String http = room.gateway().httpAddress();
        System.out.println("SYMBI orchestrator serving " + dir.root());
        System.out.println("agents connect to " + room.gateway().address() + " with a token from `symbi token issue`");
        System.out.println("REST " + http + "/api  health " + http + "/health  admin " + http + "/admin");
        room.startBuiltInAgents().thenAccept(team -> {
            if (team != null) {
                System.out.println("built-in agents: " + String.join(", ", team.running().stream()
                        .map(a -> a.client().agentId()).toList()));
                team.failures().forEach((kind, why) -> System.err.println("symbi: the built-in " + kind
                        + " agent did not start: " + why));
            }
        });
        stopped.await();
        return 0;
    }
}
