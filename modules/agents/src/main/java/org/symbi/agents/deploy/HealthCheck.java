package org.symbi.agents.deploy;

import org.symbi.agents.exec.CommandResult;
import org.symbi.agents.exec.ShellCommand;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Tries an environment's health check until it passes or its tries are used up. */
final class HealthCheck {
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
    private static final int OUTPUT_LIMIT = 2_000;

    /**
     * @param healthy  whether a try passed
     * @param attempts how many tries were made
     * @param last     what the last try saw
     */
    record Outcome(boolean healthy, int attempts, String last) {
        String summary() {
            return (healthy ? "healthy after " : "unhealthy after ") + attempts + " tr" + (attempts == 1 ? "y" : "ies")
                    + ": " + last;
        }
    }

    private final HttpClient http;

    HealthCheck(HttpClient http) {
        this.http = http;
    }

    Outcome check(Environment env, Path directory, Map<String, String> variables) throws InterruptedException {
        String last = "";
        for (int attempt = 1; attempt <= env.healthAttempts(); attempt++) {
            if (attempt > 1) {
                Thread.sleep(env.healthInterval().toMillis());
            }
            Try t = env.healthCheckIsUrl() ? get(env.healthCheck().strip()) : run(env, directory, variables);
            last = t.said();
            if (t.passed()) {
                return new Outcome(true, attempt, last);
            }
        }
        return new Outcome(false, env.healthAttempts(), last);
    }

    private record Try(boolean passed, String said) {
    }

    private Try get(String url) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(HTTP_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Try(r.statusCode() / 100 == 2, "GET " + url + " answered " + r.statusCode());
        } catch (IOException e) {
            return new Try(false, "GET " + url + " failed: " + e.getMessage());
        }
    }

    private static Try run(Environment env, Path directory, Map<String, String> variables) throws InterruptedException {
        try {
            CommandResult r = new ShellCommand(env.healthCheck(), directory, variables, env.commandTimeout(),
                    OUTPUT_LIMIT).run();
            String output = r.output().strip();
            return new Try(r.succeeded(), "`" + env.healthCheck() + "` " + r.summary()
                    + (output.isEmpty() ? "" : ": " + output));
        } catch (IOException e) {
            return new Try(false, "`" + env.healthCheck() + "` could not start: " + e.getMessage());
        }
    }
}
