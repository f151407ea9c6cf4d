package org.symbi.governance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A policy compiled for evaluation: globs are compiled once, rules are tried in order. */
public final class Policy {
    private static final String DEFAULT_RISK = "medium";

    private final PolicyDocument document;
    private final Map<Glob, String> risks = new LinkedHashMap<>();
    private final List<CompiledRule> rules = new ArrayList<>();
    private final Requirement otherwise;

    public Policy(PolicyDocument document) {
        this.document = document;
        document.risks().forEach((kind, level) -> risks.put(Glob.of(kind), level));
        for (PolicyDocument.Rule r : document.rules()) {
            rules.add(new CompiledRule(r));
        }
        this.otherwise = requirementOf(document.otherwise());
    }

    public PolicyDocument document() {
        return document;
    }

    public int version() {
        return document.version();
    }

    public String riskOf(String kind) {
        for (Map.Entry<Glob, String> e : risks.entrySet()) {
            if (e.getKey().matches(kind)) {
                return e.getValue();
            }
        }
        return DEFAULT_RISK;
    }

    public Requirement evaluate(GatedAction action) {
        String risk = riskOf(action.kind());
        for (CompiledRule r : rules) {
            if (r.matches(action, risk)) {
                return r.requirement;
            }
        }
        return otherwise;
    }

    /**
     * The strictest requirement any rule names for a kind, ignoring resources: what a warrant covering the
     * kind may end up needing.
     */
    public Requirement strictestFor(String kind) {
        String risk = riskOf(kind);
        Requirement strictest = null;
        for (CompiledRule r : rules) {
            if (r.matchesKind(kind, risk) && (strictest == null || rank(r.requirement) > rank(strictest))) {
                strictest = r.requirement;
            }
        }
        return strictest == null ? otherwise : strictest;
    }

    private static int rank(Requirement r) {
        return switch (r.require()) {
            case ALLOW -> 0;
            case APPROVALS -> r.approvals();
            case DENY -> Integer.MAX_VALUE;
        };
    }

    private static Requirement requirementOf(PolicyDocument.Rule r) {
        return new Requirement(r.id(), r.require(), r.approvals(), r.of(), r.warrant(), r.reason());
    }

    private static final class CompiledRule {
        final Requirement requirement;
        final List<Glob> kinds;
        final List<String> riskLevels;
        final List<Glob> repository;
        final List<Glob> branch;
        final List<Glob> path;
        final List<Glob> environment;

        CompiledRule(PolicyDocument.Rule r) {
            requirement = requirementOf(r);
            PolicyDocument.Match m = r.match();
            kinds = m == null ? List.of() : Glob.all(m.kinds());
            riskLevels = m == null || m.risk() == null ? List.of() : List.copyOf(m.risk());
            repository = m == null ? List.of() : Glob.all(m.repository());
            branch = m == null ? List.of() : Glob.all(m.branch());
            path = m == null ? List.of() : Glob.all(m.path());
            environment = m == null ? List.of() : Glob.all(m.environment());
        }

        boolean matchesKind(String kind, String risk) {
            return Glob.anyMatches(kinds, kind) && (riskLevels.isEmpty() || riskLevels.contains(risk));
        }

        boolean matches(GatedAction a, String risk) {
            if (!matchesKind(a.kind(), risk)
                    || !Glob.anyMatches(repository, a.repository())
                    || !Glob.anyMatches(branch, a.branch())
                    || !Glob.anyMatches(environment, a.environment())) {
                return false;
            }
            if (path.isEmpty()) {
                return true;
            }
            List<String> paths = a.paths();
            return !paths.isEmpty() && paths.stream().allMatch(p -> Glob.anyMatches(path, p));
        }
    }
}
