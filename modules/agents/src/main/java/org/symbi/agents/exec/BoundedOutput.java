package org.symbi.agents.exec;

/**
 * A command's output kept within a budget: its beginning (where builds report what broke first) and its
 * end (where test runners print their summary), with a marker saying how much was left out between them.
 */
final class BoundedOutput {
    private final int headLimit;
    private final int tailLimit;
    private final StringBuilder head = new StringBuilder();
    private final StringBuilder tail = new StringBuilder();
    private long total;

    /** @param limit characters kept at most, a quarter from the beginning and the rest from the end */
    BoundedOutput(int limit) {
        if (limit < 4) {
            throw new IllegalArgumentException("an output limit of " + limit + " characters keeps nothing useful");
        }
        this.headLimit = limit / 4;
        this.tailLimit = limit - headLimit;
    }

    synchronized void append(char[] chars, int length) {
        total += length;
        int i = 0;
        while (i < length && head.length() < headLimit) {
            head.append(chars[i++]);
        }
        tail.append(chars, i, length - i);
        // trimmed in batches, so appending stays linear in the output's length
        if (tail.length() > 2 * tailLimit) {
            tail.delete(0, tail.length() - tailLimit);
        }
    }

    /** Characters the command wrote in all. */
    synchronized long total() {
        return total;
    }

    synchronized String text() {
        if (tail.length() > tailLimit) {
            tail.delete(0, tail.length() - tailLimit);
        }
        long leftOut = total - head.length() - tail.length();
        if (leftOut == 0) {
            return head.toString() + tail;
        }
        return head + "\n… " + leftOut + " characters left out …\n" + tail;
    }
}
