package org.symbi.agents.git;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How a git agent works.
 *
 * @param workspace    where repositories given by URL (or by the path of a bare repository) are cloned, one
 *                     directory per repository name
 * @param authorEmail  the e-mail of the agent's commits (the name is the agent's id); null:
 *                     {@code <agent id>@agents.symbi.local}
 * @param rules        repository rules by repository name; a repository not named here gets
 *                     {@link RepositoryRules#defaults}
 * @param taskResults  where a merge looks up the verdict of a review task it names
 * @param decisionWait the longest wait for a warrant decision (approvals included) before the task fails
 */
public record GitAgentConfig(Path workspace, String authorEmail, Map<String, RepositoryRules> rules,
                             TaskResults taskResults, Duration decisionWait) {

    public GitAgentConfig {
        if (workspace == null) {
            throw new IllegalArgumentException("the git agent needs a workspace directory");
        }
        rules = rules == null ? Map.of() : Map.copyOf(rules);
        taskResults = taskResults == null ? TaskResults.NONE : taskResults;
        decisionWait = decisionWait == null ? Duration.ofHours(3) : decisionWait;
    }

    public static GitAgentConfig in(Path workspace) {
        return new GitAgentConfig(workspace, null, Map.of(), TaskResults.NONE, null);
    }

    public GitAgentConfig withRules(RepositoryRules... configured) {
        Map<String, RepositoryRules> byName = new java.util.HashMap<>(rules);
        for (RepositoryRules r : configured) {
            byName.put(r.name(), r);
        }
        return new GitAgentConfig(workspace, authorEmail, byName, taskResults, decisionWait);
    }

    public GitAgentConfig withAuthorEmail(String email) {
        return new GitAgentConfig(workspace, email, rules, taskResults, decisionWait);
    }

    public GitAgentConfig withTaskResults(TaskResults results) {
        return new GitAgentConfig(workspace, authorEmail, rules, results, decisionWait);
    }

    RepositoryRules rulesFor(String repositoryName) {
        return rules.getOrDefault(repositoryName, RepositoryRules.defaults(repositoryName));
    }

    String emailOf(String agentId) {
        return authorEmail != null ? authorEmail : agentId + "@agents.symbi.local";
    }
}
