package org.symbi.app.ui.trace;

import org.symbi.kernel.trace.StoredTrace;
import org.symbi.protocol.TraceKind;
import org.symbi.protocol.TraceStep;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One step as the side panel shows it. The list shows {@link #preview()}; the full content and the detail
 * appear below only for the selected step, so hundreds of long steps stay cheap to list.
 *
 * @param detail the step's structured detail as indented JSON, or null when it has none
 */
public record TraceStepItem(String agentId, Instant at, TraceStep step, String detail) {
    /** Longest preview in the list, in characters. */
    static final int PREVIEW_CHARS = 160;
    /** Most lines of content the preview shows. */
    static final int PREVIEW_LINES = 3;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    static TraceStepItem of(String agentId, Instant at, TraceStep step) {
        // Indented once here, not on every search keystroke.
        String detail = step.detail() == null || step.detail().isNull() ? null : step.detail().toPrettyString();
        return new TraceStepItem(agentId, at, step, detail);
    }

    static TraceStepItem of(StoredTrace stored) {
        return of(stored.agentId(), stored.recordedAt(), stored.step());
    }

    /**
     * The same step, whether read from the database or heard live: same agent, millisecond (what the database
     * keeps), kind, task and content.
     */
    boolean sameStepAs(TraceStepItem other) {
        return agentId.equals(other.agentId) && at.toEpochMilli() == other.at.toEpochMilli()
                && step.kind() == other.step.kind() && Objects.equals(step.taskId(), other.step.taskId())
                && content().equals(other.content());
    }

    public TraceKind kind() {
        return step.kind();
    }

    public String kindLabel() {
        return step.kind() == null ? "step" : step.kind().wire().replace('_', ' ');
    }

    public String time() {
        return TIME.format(at);
    }

    public String content() {
        return step.content() == null ? "" : step.content();
    }

    /** Model, version and confidence, as far as the agent reported them ("" when it reported none). */
    public String meta() {
        List<String> parts = new ArrayList<>(4);
        if (step.model() != null) {
            parts.add(step.version() == null ? step.model() : step.model() + " " + step.version());
        } else if (step.version() != null) {
            parts.add("version " + step.version());
        }
        if (step.confidence() != null) {
            parts.add(String.format(Locale.ROOT, "confidence %.2f", step.confidence()));
        }
        if (step.taskId() != null) {
            parts.add("task " + step.taskId());
        }
        return String.join(" · ", parts);
    }

    /** The first few lines of the content, cut to a bounded length. */
    public String preview() {
        String text = content().strip();
        int cut = -1;
        for (int line = 0; line < PREVIEW_LINES; line++) {
            cut = text.indexOf('\n', cut + 1);
            if (cut < 0) {
                break;
            }
        }
        boolean shortened = cut >= 0;
        String head = shortened ? text.substring(0, cut) : text;
        if (head.length() > PREVIEW_CHARS) {
            head = head.substring(0, PREVIEW_CHARS);
            shortened = true;
        }
        return shortened ? head + " …" : head;
    }

    /** Whether the step mentions {@code query} (ignoring case) in its content, detail, kind, model or agent. */
    public boolean matches(String query) {
        String q = query.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return true;
        }
        return content().toLowerCase(Locale.ROOT).contains(q)
                || (detail != null && detail.toLowerCase(Locale.ROOT).contains(q))
                || kindLabel().contains(q)
                || meta().toLowerCase(Locale.ROOT).contains(q)
                || agentId.toLowerCase(Locale.ROOT).contains(q);
    }

    /** What "copy step" puts on the clipboard: a heading line, the content, and the detail if any. */
    public String copyText() {
        StringBuilder b = new StringBuilder();
        b.append('[').append(time()).append("] ").append(agentId).append(' ').append(kindLabel());
        String meta = meta();
        if (!meta.isEmpty()) {
            b.append(" (").append(meta).append(')');
        }
        b.append('\n').append(content());
        if (detail != null) {
            b.append("\n").append(detail);
        }
        return b.toString();
    }
}
