package org.symbi.app.cli;

import org.symbi.agents.Capabilities;
import org.symbi.agents.llm.LlmConfig;
import org.symbi.agents.llm.TraceSink;
import org.symbi.agents.planner.Plan;
import org.symbi.agents.planner.PlannedTask;
import org.symbi.agents.planner.Planner;
import org.symbi.store.DataDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code symbi plan "REQUEST"}: the task DAG the planner makes of a request, without running it. The model is
 * the one {@code SYMBI_LLM_PROVIDER} names, else the first in the room's settings; with none, the rules plan.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Break a request into a task DAG and print it, without running anything.",
                "Uses the language model named by SYMBI_LLM_PROVIDER (with SYMBI_LLM_MODEL, SYMBI_LLM_BASE_URL, "
                        + "SYMBI_LLM_API_KEY_ENV), else the first one in the data directory's settings; with none, "
                        + "plans by rules. SYMBI_LLM_PROVIDER=none forces the rules."})
final class PlanCommand implements Callable<Integer> {
    private static final List<String> HEADER = List.of("TASK", "CAPABILITIES", "AFTER", "TITLE");

    @Parameters(arity = "1..*", paramLabel = "REQUEST", description = "What should be done, in your words.")
    List<String> words;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--json", description = "Print {\"planner\":…,\"tasks\":[{\"task_id\",\"title\",\"capabilities\","
            + "\"depends_on\"}…]} instead of a table.")
    boolean json;

    @Option(names = "--rules", description = "Plan by rules even when a language model is configured.")
    boolean rules;

    @Option(names = "--capabilities", split = ",", paramLabel = "CAP",
            description = "Capabilities that connected agents hold, besides the built-in agents' ("
                    + "plan, code, git, test, review, docs, deploy).")
    List<String> connected = List.of();

    @Override
    public Integer call() {
        String request = String.join(" ", words);
        Map<String, String> env = System.getenv();
        Optional<LlmConfig> provider = rules ? Optional.empty() : LlmConfig.resolve(env,
                BuiltInAgentsOption.configuredModels(new DataDir(dataDir.path())));
        Set<String> capabilities = new LinkedHashSet<>(Capabilities.BUILT_IN);
        capabilities.addAll(connected);
        Plan plan = Planner.configured(provider, env).plan(request, capabilities, null, TraceSink.NONE);
        if (json) {
            System.out.println(plan.toJson());
            return 0;
        }
        System.out.println(plan.planner().equals(Plan.LLM)
                ? "Planned by " + provider.map(LlmConfig::describe).orElse(plan.basis()) + "."
                : "Planned by rules: the request reads as a " + plan.basis() + "."
                        + (provider.isEmpty() && !rules ? " (No language model is configured.)" : ""));
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (PlannedTask t : plan.tasks()) {
            rows.add(List.of(t.taskId(), String.join(",", t.capabilities()),
                    t.dependsOn().isEmpty() ? "-" : String.join(",", t.dependsOn()), t.title()));
        }
        Columns.print(rows);
        return 0;
    }
}
