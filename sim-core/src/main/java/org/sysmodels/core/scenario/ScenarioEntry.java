package org.sysmodels.core.scenario;

/** A packaged scenario a user can run by name ({@code --scenario NAME}), for {@code sim list} and help. */
public record ScenarioEntry(String name, String description) {
}
