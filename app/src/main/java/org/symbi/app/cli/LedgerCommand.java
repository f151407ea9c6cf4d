package org.symbi.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.gateway.admin.AdminViews;
import org.symbi.ledger.Ledger;
import org.symbi.ledger.ReceiptVerifier;
import org.symbi.ledger.VerificationResult;
import org.symbi.store.DataDir;
import org.symbi.store.Database;
import org.symbi.store.KeyFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code symbi ledger}: verify the ledger, print its status or a trust receipt, check a receipt offline.
 * While a room runs on the data directory these go through its admin API (the room holds the database);
 * otherwise the command opens the ledger itself.
 */
@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "Verify the tamper-evident ledger and its trust receipts.",
        subcommands = {LedgerCommand.Verify.class, LedgerCommand.Status.class, LedgerCommand.Prove.class,
                LedgerCommand.VerifyReceipt.class})
final class LedgerCommand implements Runnable {
    private static final ObjectMapper JSON = AdminClient.JSON;
    private static final AdminViews VIEWS = new AdminViews(JSON);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Asks the running room at {@code adminPath}, or opens the data directory's ledger when none runs. */
    private static JsonNode fromRoomOrLedger(Path data, String adminPath, Function<Ledger, JsonNode> offline)
            throws Exception {
        return AdminClient.fromRoomOr(data, adminPath, () -> {
            DataDir dir = new DataDir(data);
            if (!Files.isDirectory(dir.root())) {
                throw new IllegalArgumentException("no data directory at " + dir.root());
            }
            try (Database db = Database.open(dir); Ledger ledger = Ledger.open(db, dir, InstantSource.system())) {
                return offline.apply(ledger);
            }
        });
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Recompute the whole Merkle tree from the stored entries and check every checkpoint; "
                    + "prints a JSON summary; exit status 0 when intact, 1 when not.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        DataDirOption dataDir;

        @Override
        public Integer call() throws Exception {
            JsonNode report = fromRoomOrLedger(dataDir.path(), "/admin/ledger/verify",
                    ledger -> VIEWS.verification(ledger.verify(n -> { })));
            System.out.println(JSON.writeValueAsString(report));
            return report.path("ok").asBoolean() ? 0 : 1;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Print the ledger's size, origin, public key and latest signed checkpoint (JSON), "
                    + "without verifying anything.")
    static final class Status implements Callable<Integer> {
        @Mixin
        DataDirOption dataDir;

        @Override
        public Integer call() throws Exception {
            System.out.println(JSON.writeValueAsString(fromRoomOrLedger(dataDir.path(), "/admin/ledger", VIEWS::ledgerStatus)));
            return 0;
        }
    }

    @Command(name = "prove", mixinStandardHelpOptions = true,
            description = "Print the trust receipt of one entry: the entry, its inclusion proof and a signed checkpoint.")
    static final class Prove implements Callable<Integer> {
        @Mixin
        DataDirOption dataDir;

        @Option(names = "--seq", required = true, paramLabel = "N", description = "The entry's sequence number.")
        long seq;

        @Override
        public Integer call() throws Exception {
            JsonNode receipt = fromRoomOrLedger(dataDir.path(), "/admin/ledger/receipts/" + seq,
                    ledger -> readTree(ledger.receipt(seq).toJson()));
            System.out.println(receipt.toPrettyString());
            return 0;
        }

        private static JsonNode readTree(String json) {
            try {
                return JSON.readTree(json);
            } catch (IOException e) {
                throw new UncheckedIOException("the ledger wrote an unreadable receipt", e);
            }
        }
    }

    @Command(name = "verify-receipt", mixinStandardHelpOptions = true,
            description = "Check a trust receipt offline with the ledger's public key alone; exit status 0 when valid.")
    static final class VerifyReceipt implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "The receipt (JSON).")
        Path file;

        @Option(names = "--key", required = true, paramLabel = "PUB",
                description = "The ledger's public key: a .pub file (keys/ledger.pub in the data directory) or its base64 text.")
        String key;

        @Override
        public Integer call() throws Exception {
            PublicKey publicKey = Files.isRegularFile(Path.of(key)) ? KeyFiles.readPublic(Path.of(key))
                    : KeyFiles.decodePublic(key.trim());
            VerificationResult r = ReceiptVerifier.verify(Files.readString(file), publicKey);
            ObjectNode out = JSON.createObjectNode().put("ok", r.ok());
            if (r.problem() != null) {
                out.put("problem", r.problem());
            }
            System.out.println(JSON.writeValueAsString(out));
            return r.ok() ? 0 : 1;
        }
    }
}
