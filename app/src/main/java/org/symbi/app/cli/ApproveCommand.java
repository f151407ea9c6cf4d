package org.symbi.app.cli;

import org.symbi.governance.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code symbi approve ID}: the local approver approves a pending request. */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = "Approve a pending approval request, signed with the local approver's key; prints the quorum.")
final class ApproveCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID", description = "The approval request's id (ar-…).")
    String requestId;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, recorded in the ledger.")
    String reason;

    @Mixin
    DataDirOption dataDir;

    @Override
    public Integer call() throws Exception {
        return DecideCommand.decide(dataDir.path(), requestId, Verdict.APPROVE, reason);
    }
}
