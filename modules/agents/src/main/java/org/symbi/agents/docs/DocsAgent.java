package org.symbi.agents.docs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jgit.api.AddCommand;
import org.eclipse.jgit.api.CommitCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.symbi.agents.AgentEnv;
import org.symbi.agents.AgentKind;
import org.symbi.agents.BuiltInAgent;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.TaskSpec;
import org.symbi.protocol.Tier;
import org.symbi.sdk.AgentClient;
import org.symbi.sdk.AgentHandler;
import org.symbi.sdk.Trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The documentation agent (capability {@code docs}): brings a repository's CHANGELOG.md up to date with the
 * commits since the last tag (or a base the task names) and replaces the README section the task names, with
 * the task's text or a summary of those commits; then commits both as itself. Without a model: entries and
 * summaries are the commit subjects, grouped.
 */
public final class DocsAgent implements AgentHandler {
    public static final String CAPABILITY = "docs";

    public static AgentCard card(String agentId) {
        return new AgentCard(agentId, "documentation", Tier.SPECIALIST, List.of(CAPABILITY), null, null, null, null,
                null, 1);
    }

    /** The address the agent commits under; its own commits are thereby never changelog entries. */
    static String email(String agentId) {
        return agentId + "@agents.symbi.local";
    }

    @Override
    public void onTask(AgentClient client, TaskSpec task, Envelope request) {
        String id = task.taskId();
        try {
            DocsJob job = DocsJob.of(task);
            client.completeTask(task, update(client, id, job));
        } catch (IllegalArgumentException bad) {
            client.trace(Trace.thought(id, "Cannot do this task: " + bad.getMessage()));
            client.failTask(task, bad.getMessage());
        } catch (IOException | GitAPIException e) {
            client.trace(Trace.observation(id, "Stopped: " + e.getMessage()));
            client.failTask(task, "could not update the docs: " + e.getMessage());
        }
    }

    private ObjectNode update(AgentClient client, String id, DocsJob job) throws IOException, GitAPIException {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        String email = email(client.agentId());
        try (Git git = Git.open(job.worktree().toFile())) {
            client.trace(Trace.toolCall(id, "git.log", JsonNodeFactory.instance.objectNode()
                    .put("worktree", job.worktree().toString()).put("base", job.base())));
            CommitLog.Range range = CommitLog.since(git.getRepository(), job.base(), email);
            List<ChangeEntry> entries = range.commits().stream().map(c -> ChangeEntry.of(c.subject())).toList();
            StringBuilder seen = new StringBuilder().append(range.commits().size()).append(" commit(s) since ")
                    .append(range.base() == null ? "the beginning" : range.base())
                    .append(" (merges and this agent's own commits left out)");
            range.commits().forEach(c -> seen.append("\n- ").append(c.subject()));
            client.trace(Trace.observation(id, seen.toString()));
            result.put("base", range.base()).put("commits", range.commits().size());

            List<Path> changed = new ArrayList<>();
            if (job.changelog() != null) {
                Path file = job.changelog();
                Changelog.Update u = Changelog.merge(Files.exists(file) ? Files.readString(file) : null, entries);
                if (u.changed()) {
                    Files.writeString(file, u.text());
                    changed.add(file);
                }
                client.trace(Trace.observation(id, relative(job, file) + ": " + u.added().size() + " entr"
                        + (u.added().size() == 1 ? "y" : "ies") + " written under Unreleased, "
                        + u.alreadyThere().size() + " there already"));
                result.putObject("changelog").put("file", relative(job, file)).put("added", u.added().size())
                        .put("already_there", u.alreadyThere().size());
            }
            if (job.readme() != null) {
                Path file = job.readme();
                boolean generated = job.text() == null;
                String body = generated ? summary(range.base(), entries) : job.text();
                String before = Files.exists(file) ? Files.readString(file) : "";
                ReadmeSection.Update u = ReadmeSection.replace(before, job.section(), body);
                if (!u.text().equals(before)) {
                    Files.writeString(file, u.text());
                    changed.add(file);
                }
                client.trace(Trace.observation(id, relative(job, file) + ": section \"" + job.section() + "\" "
                        + (u.existed() ? "replaced" : "added") + (generated
                        ? " with a summary of the commit subjects (written without a model)" : " with the task's text")
                        + (u.text().equals(before) ? "; it already read so" : "")));
                result.putObject("readme").put("file", relative(job, file)).put("section", job.section())
                        .put("existed", u.existed()).put("generated", generated);
            }
            result.put("commit", changed.isEmpty() ? null : commit(client, id, git, job, changed, email));
        }
        client.trace(Trace.decision(id, result.get("commit").isNull() ? "The docs were up to date; nothing to commit."
                : "Committed the docs as " + result.get("commit").asText() + ".", 1.0));
        return result;
    }

    private String commit(AgentClient client, String id, Git git, DocsJob job, List<Path> files, String email)
            throws GitAPIException {
        List<String> paths = files.stream().map(f -> relative(job, f)).toList();
        String message = "Update " + String.join(" and ", files.stream().map(f -> f.equals(job.readme())
                ? relative(job, f) + " section \"" + job.section() + "\"" : relative(job, f)).toList());
        client.trace(Trace.toolCall(id, "git.commit", JsonNodeFactory.instance.objectNode().put("message", message)
                .set("paths", JsonNodeFactory.instance.arrayNode().addAll(
                        paths.stream().map(JsonNodeFactory.instance::textNode).toList()))));
        AddCommand add = git.add();
        paths.forEach(add::addFilepattern);
        add.call();
        PersonIdent agent = new PersonIdent(client.agentId(), email);
        CommitCommand commit = git.commit().setMessage(message).setAuthor(agent).setCommitter(agent);
        paths.forEach(commit::setOnly);
        RevCommit c = commit.call();
        return c.name();
    }

    /** The commits as a README section: grouped like the changelog, under a line saying since when. */
    static String summary(String base, List<ChangeEntry> entries) {
        if (entries.isEmpty()) {
            return base == null ? "No changes yet." : "No changes since " + base + ".";
        }
        Map<ChangeEntry.Group, List<ChangeEntry>> byGroup = new EnumMap<>(ChangeEntry.Group.class);
        entries.forEach(e -> byGroup.computeIfAbsent(e.group(), g -> new ArrayList<>()).add(e));
        StringBuilder s = new StringBuilder(base == null ? "Changes so far:" : "Changes since " + base + ":");
        byGroup.forEach((g, list) -> {
            s.append("\n\n**").append(g.heading).append("**\n");
            list.forEach(e -> s.append("\n- ").append(e.text()));
        });
        return s.toString();
    }

    private static String relative(DocsJob job, Path file) {
        return job.worktree().relativize(file).toString().replace('\\', '/');
    }

    /** The {@code docs} kind, which needs no settings. */
    public static final class Kind implements AgentKind {
        @Override
        public String name() {
            return "docs";
        }

        @Override
        public BuiltInAgent create(AgentEnv env) {
            return BuiltInAgent.of(new DocsAgent(), DocsAgent::card);
        }
    }
}
