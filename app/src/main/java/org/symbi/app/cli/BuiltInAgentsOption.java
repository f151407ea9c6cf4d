package org.symbi.app.cli;

import org.symbi.agents.llm.LlmConfig;
import org.symbi.app.serve.BuiltInAgents;
import org.symbi.app.ui.settings.LlmProvider;
import org.symbi.app.ui.settings.RoomSettings;
import org.symbi.store.DataDir;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code --built-in-agents}: which of the room's own agents run inside it, with the models of its settings. */
final class BuiltInAgentsOption {
    @Option(names = "--built-in-agents", paramLabel = "KINDS", defaultValue = "all",
            description = "The room's own agents to run inside it: all (default), none, or a comma-separated list "
                    + "of planner, coding, git, test, review, docs, deploy.")
    String kinds;

    /** The choice, with the language models listed in the data directory's settings. */
    BuiltInAgents resolve(DataDir dir) {
        return new BuiltInAgents(BuiltInAgents.parseKinds(kinds), configuredModels(dir));
    }

    /** The language models in the data directory's settings; an unreadable settings file is reported, gives none. */
    static List<LlmConfig> configuredModels(DataDir dir) {
        RoomSettings.Loaded loaded = RoomSettings.load(dir);
        loaded.problem().ifPresent(p -> System.err.println("symbi: " + p));
        return loaded.settings().llmProviders().stream().map(LlmProvider::toConfig).toList();
    }
}
