package org.symbi.agents.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.symbi.agents.AgentEnv;
import org.symbi.agents.ConfigJson;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deployment agent's environments and where it keeps track of releases.
 *
 * @param environments     by name
 * @param releaseFile      the JSON file of what is live where (see {@link Releases})
 * @param workingDirectory where the environments' commands run
 */
public record DeploySettings(Map<String, Environment> environments, Path releaseFile, Path workingDirectory) {
    /** The variable naming the environments file, when it is not the data directory's. */
    public static final String ENVIRONMENTS_VARIABLE = "SYMBI_ENVIRONMENTS_FILE";
    public static final String ENVIRONMENTS_FILE = "environments.json";
    /** The variable naming the releases file, when it is not the data directory's. */
    public static final String RELEASES_VARIABLE = "SYMBI_RELEASES_FILE";
    public static final String RELEASES_FILE = "releases.json";

    public DeploySettings {
        environments = Map.copyOf(environments);
    }

    public static DeploySettings of(List<Environment> environments, Path releaseFile, Path workingDirectory) {
        Map<String, Environment> byName = new LinkedHashMap<>();
        for (Environment e : environments) {
            if (byName.put(e.name(), e) != null) {
                throw new IllegalArgumentException("environment " + e.name() + " is configured twice");
            }
        }
        return new DeploySettings(byName, releaseFile, workingDirectory);
    }

    /**
     * Reads an environments file, {@code {"environments": [ {"name", "deploy", "health", …}, … ]}} (see
     * {@link Environment#fromJson}); the commands run in the file's directory.
     *
     * @throws IllegalArgumentException naming the file, the environment and the field when something is wrong
     */
    public static DeploySettings load(Path environmentsFile, Path releaseFile) throws IOException {
        List<Environment> environments = new ArrayList<>();
        try {
            for (JsonNode entry : ConfigJson.entries(environmentsFile, "environments")) {
                environments.add(Environment.fromJson(entry));
            }
            return of(environments, releaseFile, environmentsFile.toAbsolutePath().getParent());
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(environmentsFile.toString()) ? e
                    : new IllegalArgumentException(environmentsFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * The environments an agent's settings name: {@value #ENVIRONMENTS_VARIABLE}, else
     * {@code environments.json} in the data directory; releases kept in {@value #RELEASES_VARIABLE}, else
     * {@code releases.json} beside it in the data directory.
     *
     * @return empty when there is no environments file (and none is named)
     * @throws IllegalArgumentException when a named file is missing or a file is malformed
     */
    public static Optional<DeploySettings> configured(AgentEnv env) throws IOException {
        Optional<Path> file = env.configFile(ENVIRONMENTS_VARIABLE, ENVIRONMENTS_FILE);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Path releases = env.dataFile(RELEASES_VARIABLE, RELEASES_FILE)
                .orElseGet(() -> file.get().resolveSibling(RELEASES_FILE));
        return Optional.of(load(file.get(), releases));
    }
}
