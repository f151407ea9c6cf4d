package org.symbi.app.ui.warrants;

import org.symbi.governance.WarrantScope;

import java.util.List;
import java.util.StringJoiner;

/** A warrant's scope in one line, as people read it: {@code git.merge · repositories symbi-core · branches main}. */
public final class ScopeText {
    private ScopeText() {
    }

    public static String of(WarrantScope scope) {
        StringJoiner line = new StringJoiner(" · ");
        line.add(String.join(", ", scope.kinds()));
        resource(line, "repositories", scope.repositories());
        resource(line, "branches", scope.branches());
        resource(line, "paths", scope.paths());
        resource(line, "environments", scope.environments());
        return line.toString();
    }

    /** An empty list leaves the resource unconstrained, so it is left out rather than shown as "none". */
    private static void resource(StringJoiner line, String name, List<String> globs) {
        if (!globs.isEmpty()) {
            line.add(name + " " + String.join(", ", globs));
        }
    }
}
