package org.symbi.agents.git;

import com.fasterxml.jackson.databind.JsonNode;
import org.symbi.agents.AgentEnv;
import org.symbi.agents.ConfigJson;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static org.symbi.agents.ConfigJson.flag;
import static org.symbi.agents.ConfigJson.text;
import static org.symbi.agents.ConfigJson.texts;

/**
 * The room's configuration of one repository, never read from the repository itself (which the agents
 * change): how the git agent may treat it, and how the test agent tests it. Branch names are matched with
 * {@link BranchGlob}. A room keeps them all in one file, {@code repositories.json} ({@link #load}).
 *
 * @param name              the repository's name in warrant requests, as the policy and warrants match it
 * @param remote            the remote that pushes and merges go to, or null to keep changes local
 * @param remoteUrl         when set, the remote is pointed at this URL (added if missing)
 * @param baseBranch        where task branches start and what they merge into unless a task says otherwise
 * @param branchPrefix      task branches are named {@code branchPrefix + taskId + "-" + slug}
 * @param protectedBranches branches that take no commits and no direct pushes from agents unless a
 *                          permission names them; changes reach them by merge
 * @param permissions       who may push where and merge into what; none: anyone may push to unprotected
 *                          branches and merge into any
 * @param requireReview     a merge needs a passing review verdict
 * @param autoMerge         merge once the review passed and the warrant allows it; off: the merge task only
 *                          checks and describes the merge, and a person merges
 * @param fastForward       fast-forward when the target has not moved; off: always a merge commit
 * @param testCommand       the test agent's command for the repository, for tasks that name none; or null
 * @param testTimeout       how long one test run of the repository may take; null: the test agent's default
 */
public record RepositoryRules(String name, String remote, String remoteUrl, String baseBranch, String branchPrefix,
                              List<String> protectedBranches, List<BranchPermission> permissions,
                              boolean requireReview, boolean autoMerge, boolean fastForward, String testCommand,
                              Duration testTimeout) {
    /** The variable that names the room's repositories file, when it is not the data directory's. */
    public static final String FILE_VARIABLE = "SYMBI_REPOSITORIES_FILE";
    public static final String FILE_NAME = "repositories.json";
    private static final Set<String> FIELDS = Set.of("name", "remote", "remoteUrl", "baseBranch", "branchPrefix",
            "protectedBranches", "permissions", "requireReview", "autoMerge", "fastForward", "testCommand",
            "testTimeout");
    private static final Set<String> PERMISSION_FIELDS = Set.of("agents", "push", "merge");

    public RepositoryRules {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("repository rules need a name");
        }
        protectedBranches = protectedBranches == null ? List.of() : List.copyOf(protectedBranches);
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }

    /** The rules of a repository nobody configured: base main, protected main, reviews required, auto-merge. */
    public static RepositoryRules defaults(String name) {
        return new RepositoryRules(name, "origin", null, "main", "feature/", List.of("main"), List.of(), true, true,
                true, null, null);
    }

    public boolean isProtected(String branch) {
        return BranchGlob.anyMatches(protectedBranches, branch);
    }

    /** Whether the agent may push to the branch: a protected branch only when a permission names it. */
    public boolean mayPush(String agentId, String branch) {
        if (permissions.isEmpty()) {
            return !isProtected(branch);
        }
        return granted(agentId, branch, BranchPermission::push);
    }

    public boolean mayMerge(String agentId, String branch) {
        return permissions.isEmpty() || granted(agentId, branch, BranchPermission::merge);
    }

    private boolean granted(String agentId, String branch, Function<BranchPermission, List<String>> branches) {
        return permissions.stream()
                .anyMatch(p -> p.appliesTo(agentId) && BranchGlob.anyMatches(branches.apply(p), branch));
    }

    /**
     * Reads a rules file: {@code {"repositories": [ {"name": …, …}, … ]}}, each entry over the
     * {@link #defaults defaults}, with the test command of the repository ({@code testCommand},
     * {@code testTimeout}) beside its git rules.
     *
     * @return the rules by repository name
     * @throws IllegalArgumentException naming the file and the entry when something is wrong
     */
    public static Map<String, RepositoryRules> load(Path file) throws IOException {
        Map<String, RepositoryRules> byName = new LinkedHashMap<>();
        for (JsonNode entry : ConfigJson.entries(file, "repositories")) {
            try {
                RepositoryRules rules = fromJson(entry);
                if (byName.put(rules.name(), rules) != null) {
                    throw new IllegalArgumentException("repository " + rules.name() + " is configured twice");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        }
        return byName;
    }

    /**
     * The room's repositories file as an agent's environment names it: {@code SYMBI_REPOSITORIES_FILE}, else
     * {@code repositories.json} in the data directory ({@code SYMBI_DATA_DIR}) when it is there.
     *
     * @return the rules by repository name; none when there is no file
     * @throws IllegalArgumentException when a file named by the variable is missing, or a file is malformed
     */
    public static Map<String, RepositoryRules> configured(AgentEnv env) throws IOException {
        Optional<Path> file = env.configFile(FILE_VARIABLE, FILE_NAME);
        return file.isPresent() ? load(file.get()) : Map.of();
    }

    /** One repository's rules from JSON; fields left out keep their defaults, unknown fields are refused. */
    public static RepositoryRules fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("repository rules must be a JSON object");
        }
        String name = text(node, "name", null);
        if (name == null) {
            throw new IllegalArgumentException("repository rules need a \"name\"");
        }
        ConfigJson.refuseUnknown(node, FIELDS, "repository " + name);
        RepositoryRules d = defaults(name);
        List<BranchPermission> permissions = new ArrayList<>();
        JsonNode ps = node.get("permissions");
        if (ps != null && !ps.isArray()) {
            throw new IllegalArgumentException("repository " + name + ": \"permissions\" must be an array");
        }
        if (ps != null) {
            for (JsonNode p : ps) {
                ConfigJson.refuseUnknown(p, PERMISSION_FIELDS, "a permission of repository " + name);
                permissions.add(new BranchPermission(texts(p, "agents", List.of()), texts(p, "push", List.of()),
                        texts(p, "merge", List.of())));
            }
        }
        return new RepositoryRules(name, node.has("remote") && node.get("remote").isNull() ? null
                : text(node, "remote", d.remote()), text(node, "remoteUrl", null),
                text(node, "baseBranch", d.baseBranch()), text(node, "branchPrefix", d.branchPrefix()),
                texts(node, "protectedBranches", d.protectedBranches()), permissions,
                flag(node, "requireReview", d.requireReview()), flag(node, "autoMerge", d.autoMerge()),
                flag(node, "fastForward", d.fastForward()), text(node, "testCommand", null),
                ConfigJson.duration(node, "testTimeout", null));
    }
}
