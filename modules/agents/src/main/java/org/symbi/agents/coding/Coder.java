package org.symbi.agents.coding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.symbi.agents.diff.Diffs;
import org.symbi.agents.diff.UnifiedDiff;
import org.symbi.agents.llm.Checked;
import org.symbi.agents.llm.LlmClient;
import org.symbi.agents.llm.LlmSession;
import org.symbi.agents.llm.TaskBudget;
import org.symbi.agents.llm.TraceSink;
import org.symbi.protocol.TraceKind;
import org.symbi.sdk.Trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Changes the files of a git working tree as a task asks, with a model: the model sees the task, the
 * repository's file list and the contents of the files most likely to matter, and answers with whole-file
 * edits as structured output. The edits are checked (paths inside the tree, never under {@code .git}, deletions
 * of files that exist) — an invalid answer goes back with its problems — then applied and staged, and the
 * staged diff is the result.
 */
public final class Coder {
    /** What the model is shown of the files, in all; the listing of paths is always whole. */
    static final int MAX_CONTEXT_CHARS = 60_000;
    static final int MAX_FILE_CHARS = 20_000;
    /** A single file the model writes may not exceed this. */
    static final int MAX_EDIT_CHARS = 200_000;
    private static final int RETRIES = 2;

    private final LlmClient llm;
    private final TaskBudget limits;

    public Coder(LlmClient llm, TaskBudget limits) {
        this.llm = llm;
        this.limits = limits;
    }

    /**
     * @param task what to do: the task's title, description and anything else the model should know
     * @throws IOException when the working tree cannot be read or written
     * @throws org.symbi.agents.llm.LlmException when the model fails or never proposes valid edits
     */
    public Change change(Path worktree, String task, String taskId, TraceSink trace) throws IOException {
        try (Git git = Git.open(worktree.toFile())) {
            Path root = git.getRepository().getWorkTree().toPath().toRealPath();
            Set<String> files = files(git);
            LlmSession session = llm.session(taskId, limits.fresh(), trace);
            String context = context(root, files, task);
            session.note(TraceKind.THOUGHT, "Asking " + llm.config().describe() + " for the edits; the repository has "
                    + files.size() + " files.", null);
            LlmSession.Answer<Proposal> answer = session.ask(
                    List.of(SystemMessage.from(INSTRUCTIONS), UserMessage.from("Task:\n" + task.strip() + "\n\n" + context)),
                    SCHEMA, "change", RETRIES, text -> read(text, root, files));
            List<FileEdit> edits = answer.value().edits();
            apply(git, root, edits, taskId, trace);
            String diff = Diffs.staged(git.getRepository());
            List<UnifiedDiff.FileChange> changed = UnifiedDiff.parse(diff);
            session.note(TraceKind.OBSERVATION, "Staged " + changed.size() + " files, +"
                    + changed.stream().mapToInt(f -> f.addedLines().size()).sum() + " −"
                    + changed.stream().mapToInt(UnifiedDiff.FileChange::removed).sum() + " lines:\n" + diff, null);
            session.note(TraceKind.DECISION, answer.value().summary(), null);
            return new Change(answer.value().summary(), edits, diff);
        } catch (GitAPIException e) {
            throw new IOException("git failed in " + worktree + ": " + e.getMessage(), e);
        }
    }

    private record Proposal(String summary, List<FileEdit> edits) {
    }

    /** The tracked files and the untracked ones git does not ignore. */
    private static Set<String> files(Git git) throws IOException, GitAPIException {
        Set<String> files = new TreeSet<>();
        DirCache index = git.getRepository().readDirCache();
        for (int i = 0; i < index.getEntryCount(); i++) {
            files.add(index.getEntry(i).getPathString());
        }
        files.addAll(git.status().call().getUntracked());
        return files;
    }

    /** The file list, then the contents of text files: those the task names first, then the smallest. */
    static String context(Path root, Set<String> files, String task) throws IOException {
        StringBuilder s = new StringBuilder("Files in the repository:\n");
        files.forEach(f -> s.append(f).append('\n'));
        String lowerTask = task.toLowerCase(Locale.ROOT);
        List<String> order = new ArrayList<>(files);
        order.sort(Comparator.comparing((String f) -> !lowerTask.contains(fileName(f).toLowerCase(Locale.ROOT)))
                .thenComparingLong(f -> size(root.resolve(f))));
        int budget = MAX_CONTEXT_CHARS;
        List<String> left = new ArrayList<>();
        for (String f : order) {
            String text = readText(root.resolve(f));
            if (text == null || text.length() > MAX_FILE_CHARS || text.length() > budget) {
                left.add(f);
                continue;
            }
            s.append("\n=== ").append(f).append(" ===\n").append(text);
            if (!text.endsWith("\n")) {
                s.append('\n');
            }
            budget -= text.length();
        }
        if (!left.isEmpty()) {
            s.append("\n(Not shown, too large or not text: ").append(String.join(", ", left)).append(")\n");
        }
        return s.toString();
    }

    private static Checked<Proposal> read(String text, Path root, Set<String> files) {
        Checked<JsonNode> json = Checked.jsonObject(text);
        if (!json.isValid()) {
            return Checked.invalid(json.problems());
        }
        JsonNode answer = json.value();
        List<String> problems = new ArrayList<>();
        String summary = answer.path("summary").asText("").strip();
        if (summary.isEmpty()) {
            problems.add("summary must say in a sentence what the change does");
        }
        if (!answer.path("edits").isArray() || answer.path("edits").isEmpty()) {
            problems.add("edits must list at least one file to write or delete");
        }
        List<FileEdit> edits = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode e : answer.path("edits")) {
            String path = e.path("path").asText("").strip();
            String action = e.path("action").asText("");
            String problem = pathProblem(root, path);
            if (problem != null) {
                problems.add("'" + path + "': " + problem);
            } else if (!seen.add(path)) {
                problems.add("'" + path + "' is edited twice; give each file once, with its whole content");
            } else if (action.equals("delete")) {
                if (!files.contains(path)) {
                    problems.add("'" + path + "' cannot be deleted: the repository has no such file");
                } else {
                    edits.add(new FileEdit(path, FileEdit.Action.DELETE, null));
                }
            } else if (action.equals("write")) {
                if (!e.path("content").isTextual()) {
                    problems.add("'" + path + "': a write needs the file's whole content");
                } else if (e.path("content").asText().length() > MAX_EDIT_CHARS) {
                    problems.add("'" + path + "' is longer than " + MAX_EDIT_CHARS + " characters");
                } else {
                    edits.add(new FileEdit(path, FileEdit.Action.WRITE, e.path("content").asText()));
                }
            } else {
                problems.add("'" + path + "': action must be \"write\" or \"delete\", not \"" + action + "\"");
            }
        }
        return problems.isEmpty() ? Checked.ok(new Proposal(summary, edits)) : Checked.invalid(problems);
    }

    /** Why a path the model gave may not be edited, or null when it may. */
    static String pathProblem(Path root, String path) {
        if (path.isEmpty()) {
            return "the path is empty";
        }
        if (path.startsWith("/") || path.contains("\\") || path.matches("^[A-Za-z]:.*")) {
            return "the path must be relative to the repository's root, with '/' separators";
        }
        Path resolved = root.resolve(path).normalize();
        if (!resolved.startsWith(root) || List.of(path.split("/")).contains("..")) {
            return "the path leads outside the repository";
        }
        if (path.equals(".git") || path.startsWith(".git/")) {
            return "git's own files are not to be edited";
        }
        return null;
    }

    private static void apply(Git git, Path root, List<FileEdit> edits, String taskId, TraceSink trace)
            throws IOException, GitAPIException {
        for (FileEdit e : edits) {
            Path file = root.resolve(e.path()).normalize();
            if (e.action() == FileEdit.Action.WRITE) {
                trace.record(Trace.toolCall(taskId, "write_file", JsonNodeFactory.instance.objectNode()
                        .put("path", e.path()).put("chars", e.content().length())));
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.content(), StandardCharsets.UTF_8);
                git.add().addFilepattern(e.path()).call();
            } else {
                trace.record(Trace.toolCall(taskId, "delete_file", JsonNodeFactory.instance.objectNode()
                        .put("path", e.path())));
                git.rm().addFilepattern(e.path()).call();
                Files.deleteIfExists(file);
            }
        }
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The file as UTF-8 text, or null when it is not text (or cannot be read). */
    private static String readText(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            for (byte b : bytes) {
                if (b == 0) {
                    return null;
                }
            }
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IOException e) { // unreadable, or not UTF-8
            return null;
        }
    }

    static final String INSTRUCTIONS = """
            You change the code of a git repository to do a task, as a careful engineer would. You are shown the \
            task, the repository's files and the contents of the ones most likely to matter.

            Answer with JSON only: {"summary": "...", "edits": [{"path": "...", "action": "write" or "delete", \
            "content": "..."}]}.
            - summary: one or two sentences saying what the change does.
            - path: relative to the repository's root, with '/' separators.
            - write: content is the file's WHOLE new text (for a new file or a changed one), never a fragment \
            or a diff. delete: content is an empty string.
            - Change only what the task needs, in the style of the code around it. Add or update tests for \
            behaviour you add or change, where the repository keeps its tests.""";

    static final JsonSchema SCHEMA = JsonSchema.builder().name("change").rootElement(JsonObjectSchema.builder()
            .addStringProperty("summary")
            .addProperty("edits", JsonArraySchema.builder().items(JsonObjectSchema.builder()
                    .addStringProperty("path")
                    .addEnumProperty("action", List.of("write", "delete"))
                    .addStringProperty("content")
                    .required("path", "action", "content")
                    .additionalProperties(false)
                    .build()).build())
            .required("summary", "edits")
            .additionalProperties(false)
            .build()).build();
}
