package org.symbi.agents.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.symbi.agents.AgentEnv;
import org.symbi.agents.AgentKind;
import org.symbi.agents.Alerts;
import org.symbi.agents.BuiltInAgent;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.Tier;
import org.symbi.sdk.AgentClient;
import org.symbi.sdk.Trace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command-line agent adapter: puts a coding tool that people already run from a terminal under the
 * room's governance. For each task it prepares a git checkout (a clone of the repository on a branch of the
 * task's own, or the checkout the task names in {@code input.worktree}), runs the tool there with the task's
 * prompt, with a timeout, and traces the tool's output as it comes. What the tool changed in the checkout
 * becomes the task's diff, committed with the agent as author; the task's result names the checkout, the
 * branch, the commit, the files and the diff.
 */
public final class CliAgent implements BuiltInAgent {
    /** Longest diff kept in a task's result and trace; the commit keeps all of it. */
    private static final int MAX_DIFF_CHARS = 120_000;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(prompt|worktree|task_id)}");

    private final CliSettings settings;

    public CliAgent(CliSettings settings) {
        this.settings = settings;
    }

    @Override
    public AgentCard card(String agentId) {
        return new AgentCard(agentId, settings.toolName(), Tier.WORKER, settings.capabilities(), null, null, null,
                null, null, 1);
    }

    @Override
    public void onTask(AgentClient client, TaskSpec task, Envelope request) {
        String taskId = task.taskId();
        try (TaskCheckout checkout = checkout(client, task)) {
            String prompt = prompt(task);
            List<String> command = fill(settings.command(), prompt, checkout.folder(), taskId);
            ArrayNode args = JsonNodeFactory.instance.arrayNode();
            command.forEach(args::add);
            client.trace(Trace.toolCall(taskId, settings.toolName(), JsonNodeFactory.instance.objectNode()
                    .put("worktree", checkout.folder().toString()).put("timeout_s", settings.timeout().toSeconds())
                    .set("command", args)));
            OutputTrace output = new OutputTrace(client, taskId);
            ToolRun.Outcome run = ToolRun.run(command, checkout.folder(), Map.of("SYMBI_TASK_ID", taskId,
                    "SYMBI_TASK_PROMPT", prompt, "SYMBI_WORKTREE", checkout.folder().toString()),
                    settings.timeout(), output::line);
            output.flush();
            if (run.timedOut()) {
                client.failTask(task, settings.toolName() + " timed out after " + settings.timeout().toSeconds()
                        + " s; its last output: " + String.join("\n", run.tail()));
                return;
            }
            if (run.exitStatus() != 0) {
                client.failTask(task, settings.toolName() + " exited with status " + run.exitStatus()
                        + "; its last output: " + String.join("\n", run.tail()));
                return;
            }
            client.completeTask(task, result(client, task, checkout, run));
        } catch (IOException e) {
            client.failTask(task, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.failTask(task, "interrupted while " + settings.toolName() + " ran");
        }
    }

    /** The checkout the task names, or a fresh clone on the branch {@code symbi/TASK}. */
    private TaskCheckout checkout(AgentClient client, TaskSpec task) throws IOException {
        JsonNode named = task.input() == null ? null : task.input().get("worktree");
        if (named != null && named.isTextual()) {
            return TaskCheckout.open(Path.of(named.asText()));
        }
        if (settings.repository() == null) {
            throw new IOException("the task names no worktree and the agent has no repository to clone:"
                    + " set SYMBI_CLI_REPOSITORY in its template");
        }
        String branch = "symbi/" + task.taskId();
        if (!Repository.isValidRefName("refs/heads/" + branch)) {
            throw new IOException("task id " + task.taskId() + " does not make a valid branch name");
        }
        Path folder = settings.workspace().resolve(client.agentId()).resolve(task.taskId());
        client.trace(Trace.toolCall(task.taskId(), "git clone", JsonNodeFactory.instance.objectNode()
                .put("repository", settings.repository()).put("into", folder.toString()).put("branch", branch)));
        return TaskCheckout.cloneFor(settings.repository(), folder, branch, settings.baseBranch());
    }

    /** The task's own prompt ({@code input.prompt}), else its title and description. */
    static String prompt(TaskSpec task) {
        JsonNode p = task.input() == null ? null : task.input().get("prompt");
        if (p != null && p.isTextual() && !p.asText().isBlank()) {
            return p.asText();
        }
        String title = task.title() == null ? "" : task.title();
        return task.description() == null || task.description().isBlank() ? title : title + "\n\n" + task.description();
    }

    /** The command with its placeholders filled in, in one pass: a prompt that names a placeholder stays as it is. */
    static List<String> fill(List<String> command, String prompt, Path worktree, String taskId) {
        Map<String, String> values = Map.of("prompt", prompt, "worktree", worktree.toString(), "task_id", taskId);
        return command.stream().map(a -> PLACEHOLDER.matcher(a)
                .replaceAll(m -> Matcher.quoteReplacement(values.get(m.group(1))))).toList();
    }

    private ObjectNode result(AgentClient client, TaskSpec task, TaskCheckout checkout, ToolRun.Outcome run)
            throws IOException {
        String title = task.title() == null || task.title().isBlank() ? "Task " + task.taskId() : task.title();
        Optional<TaskCheckout.Change> change = checkout.commit(title + "\n\nTask " + task.taskId() + ", by "
                + client.agentId() + " with " + settings.toolName() + ".", new PersonIdent(client.agentId(),
                client.agentId() + "@agents.symbi"));
        ObjectNode result = JsonNodeFactory.instance.objectNode().put("worktree", checkout.folder().toString())
                .put("branch", checkout.branch()).put("exit_status", run.exitStatus())
                .put("changed", change.isPresent());
        if (change.isEmpty()) {
            client.trace(Alerts.decision(task.taskId(), settings.toolName() + " changed nothing: nothing to commit",
                    JsonNodeFactory.instance.objectNode()));
            return result;
        }
        TaskCheckout.Change c = change.get();
        String diff = c.diff().length() > MAX_DIFF_CHARS
                ? c.diff().substring(0, MAX_DIFF_CHARS) + "\n… diff cut at " + MAX_DIFF_CHARS + " characters; see commit "
                + c.commit() : c.diff();
        client.trace(Trace.observation(task.taskId(), diff));
        client.trace(Alerts.decision(task.taskId(), "committed " + c.files().size() + " changed file(s) as "
                + c.commit() + " on " + checkout.branch(), JsonNodeFactory.instance.objectNode().put("commit", c.commit())));
        ArrayNode files = result.put("commit", c.commit()).putArray("files");
        c.files().forEach(files::add);
        return result.put("diff", diff);
    }

    /** The {@code cli} kind of {@link org.symbi.agents.AgentMain}. */
    public static final class Kind implements AgentKind {
        @Override
        public String name() {
            return "cli";
        }

        @Override
        public BuiltInAgent create(AgentEnv env) {
            return new CliAgent(CliSettings.from(env));
        }
    }
}
