package org.symbi.agents.git;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jgit.lib.PersonIdent;
import org.symbi.protocol.TaskSpec;
import org.symbi.sdk.AgentClient;
import org.symbi.sdk.Trace;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/** One git task in progress: its input, the repository it names, and its trace. */
final class GitTask {
    /** Trace steps and results keep diffs below the room's limit for one trace step's content. */
    static final int MAX_DIFF_CHARS = 200_000;

    final AgentClient client;
    final TaskSpec task;
    final TaskInput input;
    final GitAgentConfig config;
    private final ConcurrentMap<String, ReentrantLock> locks;

    GitTask(AgentClient client, TaskSpec task, GitAgentConfig config, ConcurrentMap<String, ReentrantLock> locks) {
        this.client = client;
        this.task = task;
        this.config = config;
        this.locks = locks;
        this.input = new TaskInput(task.input());
    }

    String agentId() {
        return client.agentId();
    }

    String taskId() {
        return task.taskId();
    }

    /** The agent as author and committer of what it writes. */
    PersonIdent author() {
        return new PersonIdent(agentId(), config.emailOf(agentId()));
    }

    /**
     * Runs work on the task's repository, opened (or cloned) for it; one piece of work at a time per
     * repository, however many tasks the agent holds.
     */
    <T> T withRepo(Function<GitRepo, T> work) {
        String location = input.required("repository");
        ReentrantLock lock = locks.computeIfAbsent(lockKey(location), k -> new ReentrantLock());
        lock.lock();
        try (GitRepo repo = GitRepo.open(location, input.text("name"), config)) {
            return work.apply(repo);
        } finally {
            lock.unlock();
        }
    }

    private static String lockKey(String location) {
        if (location.contains("://")) {
            return location;
        }
        try {
            return Path.of(location).toAbsolutePath().normalize().toString();
        } catch (java.nio.file.InvalidPathException e) {
            return location;
        }
    }

    /** Traces a call of a git tool with the arguments it was given. */
    void calls(String tool, JsonNode args) {
        client.trace(Trace.toolCall(taskId(), tool, args));
    }

    /** Traces what the agent saw. */
    void saw(String text) {
        client.trace(Trace.observation(taskId(), text));
    }

    void thinks(String text) {
        client.trace(Trace.thought(taskId(), text));
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static String capped(String text) {
        return text.length() <= MAX_DIFF_CHARS ? text : text.substring(0, MAX_DIFF_CHARS);
    }
}
