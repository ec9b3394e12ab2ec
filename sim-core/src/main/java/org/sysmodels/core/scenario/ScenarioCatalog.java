package org.sysmodels.core.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sysmodels.core.input.UserInputException;

/**
 * A model's packaged scenarios by name, and the rule for {@code --scenario X}: X is a file if such a file exists,
 * else the name of a packaged scenario, else an error that lists the packaged names.
 */
public final class ScenarioCatalog<T> {

    private record Packaged(String resource, ScenarioEntry entry) {
    }

    private final Class<T> type;
    private final Map<String, Packaged> byName = new LinkedHashMap<>();

    public ScenarioCatalog(Class<T> type) {
        this.type = type;
    }

    /** Registers a packaged scenario: a JSON resource on the classpath, by absolute resource path. */
    public ScenarioCatalog<T> add(String name, String resource, String description) {
        return put(resource, new ScenarioEntry(name, description, true, false));
    }

    /**
     * Registers a packaged scenario sized for {@code bench/run --long} (minutes of CPU or gigabytes of heap): users can
     * run it by name, the test suite leaves it out.
     */
    public ScenarioCatalog<T> addBenchSized(String name, String resource, String description) {
        return put(resource, new ScenarioEntry(name, description, true, true));
    }

    /** Registers a packaged scenario that runs on real threads, so its output is not byte-identical run to run. */
    public ScenarioCatalog<T> addRealTime(String name, String resource, String description) {
        return put(resource, new ScenarioEntry(name, description, false, false));
    }

    private ScenarioCatalog<T> put(String resource, ScenarioEntry entry) {
        byName.put(entry.name(), new Packaged(resource, entry));
        return this;
    }

    public T resolve(String nameOrPath) throws UserInputException {
        Path file;
        try {
            file = Path.of(nameOrPath);
        } catch (java.nio.file.InvalidPathException e) {
            throw new UserInputException(nameOrPath + ": not a valid file name: " + e.getReason());
        }
        if (Files.exists(file)) {
            return ScenarioLoader.load(file, type);
        }
        Packaged p = byName.get(nameOrPath);
        if (p != null) {
            return ScenarioLoader.loadResource(p.resource(), type);
        }
        if (nameOrPath.endsWith(".json") || nameOrPath.contains("/")) {
            throw new UserInputException(nameOrPath + ": no such scenario file");
        }
        throw new UserInputException("no scenario named \"" + nameOrPath + "\" and no such file; packaged scenarios: "
                + String.join(", ", byName.keySet()));
    }

    public List<ScenarioEntry> entries() {
        return byName.values().stream().map(Packaged::entry).toList();
    }
}
