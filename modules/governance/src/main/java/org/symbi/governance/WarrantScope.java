package org.symbi.governance;

import java.util.List;

/**
 * What a warrant covers. Kinds are required; each resource list is a set of globs, and an empty list leaves
 * that resource unconstrained. A constrained resource must be named by the action and match.
 */
public record WarrantScope(List<String> kinds, List<String> repositories, List<String> branches,
                           List<String> paths, List<String> environments) {
    public WarrantScope {
        if (kinds == null || kinds.isEmpty()) {
            throw new IllegalArgumentException("a warrant scope names at least one action kind");
        }
        kinds = List.copyOf(kinds);
        repositories = repositories == null ? List.of() : List.copyOf(repositories);
        branches = branches == null ? List.of() : List.copyOf(branches);
        paths = paths == null ? List.of() : List.copyOf(paths);
        environments = environments == null ? List.of() : List.copyOf(environments);
    }

    public static WarrantScope kinds(String... kinds) {
        return new WarrantScope(List.of(kinds), List.of(), List.of(), List.of(), List.of());
    }

    public WarrantScope repositories(String... globs) {
        return new WarrantScope(kinds, List.of(globs), branches, paths, environments);
    }

    public WarrantScope branches(String... globs) {
        return new WarrantScope(kinds, repositories, List.of(globs), paths, environments);
    }

    public WarrantScope paths(String... globs) {
        return new WarrantScope(kinds, repositories, branches, List.of(globs), environments);
    }

    public WarrantScope environments(String... globs) {
        return new WarrantScope(kinds, repositories, branches, paths, List.of(globs));
    }
}
