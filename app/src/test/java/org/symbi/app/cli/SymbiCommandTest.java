package org.symbi.app.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SymbiCommandTest {
    @Test
    void aNamedSubcommandIsTheOnlyOneBuilt() {
        assertThat(SymbiCommand.forArguments("ledger", "verify").getSubcommands()).containsOnlyKeys("ledger");
        assertThat(SymbiCommand.forArguments("room", "--data", "x").getSubcommands()).containsOnlyKeys("room", "serve");
        assertThat(SymbiCommand.forArguments().getSubcommands()).containsOnlyKeys("room", "serve");
    }

    @Test
    void helpAndUnknownNamesGetEverySubcommand() {
        var all = SymbiCommand.commandLine().getSubcommands().keySet();
        assertThat(all).contains("room", "serve", "agent", "token", "approve", "deny", "ledger", "bench", "plan",
                "request", "help");
        assertThat(SymbiCommand.forArguments("--help").getSubcommands().keySet()).containsExactlyElementsOf(all);
        assertThat(SymbiCommand.forArguments("help", "ledger").getSubcommands().keySet()).containsExactlyElementsOf(all);
        assertThat(SymbiCommand.forArguments("ledgr").getSubcommands().keySet()).containsExactlyElementsOf(all);
    }
}
