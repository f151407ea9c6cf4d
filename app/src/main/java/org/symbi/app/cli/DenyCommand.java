package org.symbi.app.cli;

import org.symbi.governance.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code symbi deny ID --reason TEXT}: the local approver denies a pending request. */
@Command(name = "deny", mixinStandardHelpOptions = true,
        description = "Deny a pending approval request, signed with the local approver's key; prints the quorum.")
final class DenyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID", description = "The approval request's id (ar-…).")
    String requestId;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, recorded in the ledger; required.")
    String reason;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() throws Exception {
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a denial needs a reason: --reason TEXT");
        }
        return DecideCommand.decide(dataDir.path(), requestId, Verdict.DENY, reason);
    }
}
