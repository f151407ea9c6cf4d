package org.symbi.kernel.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a planner's plan runnable on one working tree. A plan says what to do in the protocol's task fields;
 * the built-in agents also need to know where: the working tree, the branch, what a git task is to do, which
 * review a merge rests on. The room adds what the plan leaves implicit, visibly, before anyone confirms it:
 * <ul>
 *   <li>a branch first, when the plan changes files but creates none (agents never commit to the base);</li>
 *   <li>one change to the working tree at a time: tasks that write to it run one after another;</li>
 *   <li>a commit of the changes before anything reads the branch's history (a review, the changelog, a
 *       merge), since the coding agent stages its edits and leaves committing to the git agent.</li>
 * </ul>
 * A tag task tags the base with the version the request names.
 */
public final class PlanWiring {
    static final String CODE = "code";
    static final String DOCS = "docs";
    static final String GIT = "git";
    static final String TEST = "test";
    static final String REVIEW = "review";
    static final String DEPLOY = "deploy";
    private static final int MAX_TASKS = 40;
    /** The usual length of a commit message's subject line. */
    private static final int COMMIT_SUBJECT = 72;
    /** A version in a request's text, not inside another word or number. */
    private static final Pattern VERSION = Pattern.compile("(?<![\\w.])[vV]?\\d+\\.\\d+(\\.\\d+)?([-.][0-9A-Za-z.]+)?");

    private PlanWiring() {
    }

    /**
     * The draft for a plan as the planner agent reports it ({@code {"planner","basis","tasks":[{"task_id",
     * "title","description","capabilities","depends_on"}]}}).
     *
     * @throws IllegalArgumentException when the plan is malformed: no tasks, duplicate ids, unknown dependencies
     */
    public static WorkflowDraft wire(String requestId, String request, RequestTarget target, JsonNode plan) {
        Map<String, Node> nodes = read(plan);
        String branch = "feature/" + requestId + "-" + slug(request);
        List<Node> order = topological(nodes);

        if (order.stream().anyMatch(n -> writes(n) || n.has(TEST)) && order.stream().noneMatch(n -> n.has(GIT) && gitOp(n, nodes).equals("branch"))) {
            Node b = new Node(unique(nodes, "branch"), "Create a branch for the work",
                    "Create the branch the work is done on, from " + target.base() + ".", List.of(GIT), List.of(),
                    "the plan changes files: work happens on a branch, never on " + target.base());
            order.stream().filter(n -> n.deps.isEmpty()).forEach(n -> n.deps.add(b.id));
            nodes.put(b.id, b);
            order.addFirst(b);
        }
        Node previousWriter = null;
        for (Node n : order) {
            if (writes(n)) {
                if (previousWriter != null && !ancestors(n, nodes).contains(previousWriter.id)) {
                    n.deps.add(previousWriter.id);
                }
                previousWriter = n;
            }
        }
        mergeBeforeTagging(order, nodes, target.base());
        List<Node> withCommits = new ArrayList<>();
        for (Node n : order) {
            if (readsHistory(n, nodes) && !uncommittedCode(n, nodes).isEmpty()) {
                Node commit = new Node(unique(nodes, "commit"), "Commit the changes",
                        "Commit the working tree's changes on " + branch + ".", List.of(GIT), List.copyOf(n.deps),
                        "the coding agent stages its changes; they are committed before " + n.id + " reads them");
                commit.op = "commit";
                nodes.put(commit.id, commit);
                n.deps.clear();
                n.deps.add(commit.id);
                withCommits.add(commit);
            }
            withCommits.add(n);
        }
        List<WorkflowDraft.DraftTask> tasks = withCommits.stream()
                .map(n -> new WorkflowDraft.DraftTask(n.id, n.title, n.description, n.capabilities,
                        List.copyOf(n.deps), input(n, nodes, requestId, request, target, branch), n.addedBy))
                .toList();
        return new WorkflowDraft(plan.path("planner").asText("rules"), plan.path("basis").asText(null), branch,
                target.base(), tasks);
    }

    /**
     * A release is tagged on the base branch, so what the plan wrote for it on the work branch (release notes,
     * a changelog) is reviewed and merged there first.
     */
    private static void mergeBeforeTagging(List<Node> order, Map<String, Node> nodes, String base) {
        for (Node tag : List.copyOf(order)) {
            if (!tag.has(GIT) || !gitOp(tag, nodes).equals("tag")) {
                continue;
            }
            Set<String> before = ancestors(tag, nodes);
            boolean wrote = before.stream().anyMatch(a -> writes(nodes.get(a)));
            boolean merged = before.stream().anyMatch(a -> nodes.get(a).has(GIT)
                    && gitOp(nodes.get(a), nodes).equals("merge"));
            if (!wrote || merged) {
                continue;
            }
            List<String> deps = List.copyOf(tag.deps);
            if (before.stream().noneMatch(a -> nodes.get(a).has(REVIEW))) {
                Node review = new Node(unique(nodes, "review"), "Review the release's changes",
                        "Review what the release adds before it reaches " + base + ".", List.of(REVIEW), deps,
                        "changes reach " + base + " reviewed");
                nodes.put(review.id, review);
                order.add(order.indexOf(tag), review);
                deps = List.of(review.id);
            }
            Node merge = new Node(unique(nodes, "merge"), "Merge the release's changes",
                    "Merge the work branch into " + base + " so the tag includes it.", List.of(GIT), deps,
                    "the release is tagged on " + base + ": what it wrote is merged there first");
            merge.op = "merge";
            nodes.put(merge.id, merge);
            order.add(order.indexOf(tag), merge);
            tag.deps.clear();
            tag.deps.add(merge.id);
        }
    }

    private static ObjectNode input(Node n, Map<String, Node> nodes, String requestId, String request,
                                    RequestTarget target, String branch) {
        ObjectNode in = JsonNodeFactory.instance.objectNode().put("request", request).put("request_id", requestId);
        String worktree = target.worktree().toString();
        if (n.has(GIT)) {
            String op = gitOp(n, nodes);
            in.put("op", op).put("repository", worktree).put("name", target.name());
            switch (op) {
                case "branch" -> in.put("branch", branch).put("base", target.base());
                case "commit" -> in.put("branch", branch).put("message", Requests.firstLine(request, COMMIT_SUBJECT));
                case "push" -> in.put("branch", branch);
                case "tag" -> {
                    // no version named: the git agent says the task needs one rather than inventing it
                    version(request).ifPresent(v -> in.put("tag", v));
                    in.put("ref", target.base());
                }
                case "merge" -> {
                    in.put("source", branch).put("target", target.base())
                            .put("message", "Merge " + branch + ": " + Requests.firstLine(request, COMMIT_SUBJECT));
                    nearestReview(n, nodes).ifPresent(r -> in.put("review_task", requestId + "." + r));
                }
                default -> { }
            }
            return in;
        }
        in.put("worktree", worktree).put("branch", branch);
        if (n.has(TEST)) {
            in.put("repository", target.name());
            if (target.testCommand() != null) {
                in.put("command", target.testCommand());
            }
        } else if (n.has(DOCS) && (releases(nodes) || !changesCodeBefore(n, nodes))) {
            // release notes, or docs with no change of this plan's to describe: the docs agent counts from the
            // newest tag, that is what happened since the last release
            return in;
        } else if (n.has(REVIEW) || n.has(DOCS)) {
            in.put("base", target.base());
        } else if (n.has(DEPLOY)) {
            in.put("environment", environment(n));
            if (target.artifact() != null) {
                in.put("artifact", target.artifact());
            }
        }
        return in;
    }

    /**
     * The release tag a request names: its first version ({@code 1.4}, {@code 1.4.0}, {@code v2.0.0-rc.1}),
     * with a leading {@code v}.
     */
    static java.util.Optional<String> version(String request) {
        Matcher m = VERSION.matcher(request);
        if (!m.find()) {
            return java.util.Optional.empty();
        }
        String v = m.group().replaceAll("\\.+$", "");
        return java.util.Optional.of("v" + (Character.isDigit(v.charAt(0)) ? v : v.substring(1)));
    }

    /** What a git task is to do, from its words; a git task without them opens the work or closes it. */
    static String gitOp(Node n, Map<String, Node> nodes) {
        if (n.op != null) {
            return n.op;
        }
        String words = (n.id + " " + n.title).toLowerCase(Locale.ROOT);
        for (String op : List.of("merge", "push", "commit", "tag", "branch")) {
            if (words.contains(op)) {
                return n.op = op;
            }
        }
        boolean gitBefore = ancestors(n, nodes).stream().anyMatch(a -> nodes.get(a).has(GIT));
        return n.op = gitBefore ? "merge" : "branch";
    }

    private static boolean changesCodeBefore(Node n, Map<String, Node> nodes) {
        return ancestors(n, nodes).stream().anyMatch(a -> nodes.get(a).has(CODE));
    }

    private static boolean releases(Map<String, Node> nodes) {
        return nodes.values().stream().anyMatch(n -> n.has(GIT) && gitOp(n, nodes).equals("tag"));
    }

    private static boolean writes(Node n) {
        return n.has(CODE) || n.has(DOCS);
    }

    private static boolean readsHistory(Node n, Map<String, Node> nodes) {
        return n.has(REVIEW) || n.has(DOCS) || (n.has(GIT) && Set.of("merge", "push", "tag").contains(gitOp(n, nodes)));
    }

    /** Code tasks before this one whose changes no commit between them and it has taken in. */
    private static Set<String> uncommittedCode(Node n, Map<String, Node> nodes) {
        Set<String> before = ancestors(n, nodes);
        Set<String> code = new LinkedHashSet<>();
        before.stream().filter(a -> nodes.get(a).has(CODE)).forEach(code::add);
        for (String a : before) {
            Node c = nodes.get(a);
            if (c.has(GIT) && gitOp(c, nodes).equals("commit")) {
                code.removeAll(ancestors(c, nodes));
            }
        }
        return code;
    }

    private static java.util.Optional<String> nearestReview(Node n, Map<String, Node> nodes) {
        Deque<String> queue = new ArrayDeque<>(n.deps);
        Set<String> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            String id = queue.poll();
            if (seen.add(id)) {
                Node d = nodes.get(id);
                if (d.has(REVIEW)) {
                    return java.util.Optional.of(id);
                }
                queue.addAll(d.deps);
            }
        }
        return java.util.Optional.empty();
    }

    private static String environment(Node n) {
        String words = (n.id + " " + n.title).toLowerCase(Locale.ROOT);
        if (words.contains("production") || words.contains("prod")) {
            return "production";
        }
        return words.contains("dev") && !words.contains("staging") ? "dev" : "staging";
    }

    private static Set<String> ancestors(Node n, Map<String, Node> nodes) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(n.deps);
        while (!queue.isEmpty()) {
            String id = queue.poll();
            if (seen.add(id)) {
                queue.addAll(nodes.get(id).deps);
            }
        }
        return seen;
    }

    private static Map<String, Node> read(JsonNode plan) {
        JsonNode tasks = plan == null ? null : plan.get("tasks");
        if (tasks == null || !tasks.isArray() || tasks.isEmpty()) {
            throw new IllegalArgumentException("the plan has no tasks");
        }
        if (tasks.size() > MAX_TASKS) {
            throw new IllegalArgumentException("the plan has " + tasks.size() + " tasks; at most " + MAX_TASKS + " run");
        }
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (JsonNode t : tasks) {
            String id = t.path("task_id").asText("");
            if (!id.matches("[a-z0-9][a-z0-9-]{0,47}")) {
                throw new IllegalArgumentException("the plan has a task with an unusable id: '" + id + "'");
            }
            List<String> caps = strings(t.path("capabilities"));
            if (caps.isEmpty()) {
                throw new IllegalArgumentException("the plan's task " + id + " needs no capability");
            }
            Node n = new Node(id, t.path("title").asText(id), t.path("description").asText(null), caps,
                    strings(t.path("depends_on")), null);
            if (nodes.put(id, n) != null) {
                throw new IllegalArgumentException("the plan names task " + id + " twice");
            }
        }
        for (Node n : nodes.values()) {
            for (String d : n.deps) {
                if (!nodes.containsKey(d)) {
                    throw new IllegalArgumentException("the plan's task " + n.id + " depends on " + d + ", which it lacks");
                }
            }
        }
        return nodes;
    }

    /** Kahn's order, ties broken by the plan's own order; a cycle is refused. */
    private static List<Node> topological(Map<String, Node> nodes) {
        List<Node> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        while (out.size() < nodes.size()) {
            Node next = nodes.values().stream().filter(n -> !done.contains(n.id) && done.containsAll(n.deps))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("the plan's tasks depend on each "
                            + "other in a cycle"));
            done.add(next.id);
            out.add(next);
        }
        return out;
    }

    private static String unique(Map<String, Node> nodes, String id) {
        String candidate = id;
        for (int i = 2; nodes.containsKey(candidate); i++) {
            candidate = id + "-" + i;
        }
        return candidate;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }

    /** Lower-case words joined by hyphens, at most 40 characters, for branch names. */
    static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (s.length() > 40) {
            s = s.substring(0, 40).replaceAll("-[^-]*$", "");
        }
        return s.isEmpty() ? "work" : s;
    }

    /** A task while the draft is made: dependencies change as the room adds its steps. */
    static final class Node {
        final String id;
        final String title;
        final String description;
        final List<String> capabilities;
        final List<String> deps;
        final String addedBy;
        String op;

        Node(String id, String title, String description, List<String> capabilities, List<String> deps,
             String addedBy) {
            this.id = id;
            this.title = title;
            this.description = description;
            this.capabilities = List.copyOf(capabilities);
            this.deps = new ArrayList<>(deps);
            this.addedBy = addedBy;
        }

        boolean has(String capability) {
            return capabilities.contains(capability);
        }
    }
}
