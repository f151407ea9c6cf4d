package org.symbi.agents.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the test agent works, beside what each task says.
 *
 * @param commands     the test command of each repository, by repository name, for tasks that do not name one
 * @param timeout      how long one test run may take before its process tree is stopped
 * @param maxFixRounds how many times failures go back to a coding agent before a person is asked
 * @param fixWait      how long to wait for one fix before asking a person
 * @param pollInterval how often to look whether a fix has ended
 * @param outputLimit  characters of a run's output kept for the trace and the fix request
 */
public record TestSettings(Map<String, String> commands, Duration timeout, int maxFixRounds, Duration fixWait,
                           Duration pollInterval, int outputLimit) {

    public TestSettings {
        commands = Map.copyOf(commands);
        if (maxFixRounds < 0) {
            throw new IllegalArgumentException("fix rounds cannot be negative: " + maxFixRounds);
        }
    }

    /** No configured commands; 5 minutes per run; 2 fix rounds of at most 8 minutes each. */
    public static TestSettings defaults() {
        return new TestSettings(Map.of(), Duration.ofMinutes(5), 2, Duration.ofMinutes(8), Duration.ofSeconds(1),
                32 * 1024);
    }

    public TestSettings withCommand(String repository, String command) {
        Map<String, String> more = new HashMap<>(commands);
        more.put(repository, command);
        return new TestSettings(more, timeout, maxFixRounds, fixWait, pollInterval, outputLimit);
    }

    public TestSettings withTimeout(Duration runTimeout) {
        return new TestSettings(commands, runTimeout, maxFixRounds, fixWait, pollInterval, outputLimit);
    }

    public TestSettings withFixes(int rounds, Duration wait, Duration poll) {
        return new TestSettings(commands, timeout, rounds, wait, poll, outputLimit);
    }

    Optional<String> commandFor(String repository) {
        return Optional.ofNullable(commands.get(repository));
    }
}
