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
 * @param timeouts     the same for the repositories that have one of their own, by repository name
 * @param maxFixRounds how many times failures go back to a coding agent before a person is asked
 * @param fixWait      how long to wait for one fix before asking a person
 * @param pollInterval how often to look whether a fix has ended
 * @param outputLimit  characters of a run's output kept for the trace and the fix request
 */
public record TestSettings(Map<String, String> commands, Duration timeout, Map<String, Duration> timeouts,
                           int maxFixRounds, Duration fixWait, Duration pollInterval, int outputLimit) {

    public TestSettings {
        commands = Map.copyOf(commands);
        timeouts = Map.copyOf(timeouts);
        if (maxFixRounds < 0) {
            throw new IllegalArgumentException("fix rounds cannot be negative: " + maxFixRounds);
        }
    }

    /** No configured commands; 5 minutes per run; 2 fix rounds of at most 8 minutes each. */
    public static TestSettings defaults() {
        return new TestSettings(Map.of(), Duration.ofMinutes(5), Map.of(), 2, Duration.ofMinutes(8),
                Duration.ofSeconds(1), 32 * 1024);
    }

    public TestSettings withCommand(String repository, String command) {
        Map<String, String> more = new HashMap<>(commands);
        more.put(repository, command);
        return new TestSettings(more, timeout, timeouts, maxFixRounds, fixWait, pollInterval, outputLimit);
    }

    public TestSettings withTimeout(Duration runTimeout) {
        return new TestSettings(commands, runTimeout, timeouts, maxFixRounds, fixWait, pollInterval, outputLimit);
    }

    /** A run of this repository's tests may take {@code runTimeout}, whatever the default. */
    public TestSettings withTimeout(String repository, Duration runTimeout) {
        Map<String, Duration> more = new HashMap<>(timeouts);
        more.put(repository, runTimeout);
        return new TestSettings(commands, timeout, more, maxFixRounds, fixWait, pollInterval, outputLimit);
    }

    public TestSettings withFixes(int rounds, Duration wait, Duration poll) {
        return new TestSettings(commands, timeout, timeouts, rounds, wait, poll, outputLimit);
    }

    Optional<String> commandFor(String repository) {
        return Optional.ofNullable(commands.get(repository));
    }

    Duration timeoutFor(String repository) {
        return timeouts.getOrDefault(repository, timeout);
    }
}
