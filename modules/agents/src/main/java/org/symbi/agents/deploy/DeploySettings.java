package org.symbi.agents.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deployment agent's environments and where it keeps track of releases.
 *
 * @param environments     by name
 * @param releaseFile      the JSON file of what is live where (see {@link Releases})
 * @param workingDirectory where the environments' commands run
 */
public record DeploySettings(Map<String, Environment> environments, Path releaseFile, Path workingDirectory) {

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
}
