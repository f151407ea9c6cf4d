package org.symbi.agents.coding;

/**
 * One change to a file, as the model proposes it.
 *
 * @param path    relative to the repository's root, with {@code /} separators
 * @param content the file's whole new content, for {@link Action#WRITE}; null for {@link Action#DELETE}
 */
public record FileEdit(String path, Action action, String content) {

    public enum Action {
        /** Create the file, or replace all of it. */
        WRITE,
        DELETE
    }
}
