package org.symbi.kernel.task;

/** What became of a task result an agent sent. */
public enum ResultHandling {
    /** The result answered the current assignment and moved the task on. */
    APPLIED,
    /** The result answered an assignment that is no longer current; recorded, not applied. */
    STALE,
    /** The result repeats one that was already applied; recorded, not applied again. */
    DUPLICATE
}
