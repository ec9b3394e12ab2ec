package org.sysmodels.core.lab;

import java.util.List;
import java.util.Objects;
import org.sysmodels.core.check.Rule;

/**
 * A bug lab: a known mistake in the host code (a driver, an app, a firmware), the rule that must catch it, and the
 * fix. The buggy code is a variant of the reference host code (a subclass or a swapped component that the system
 * keeps beside the reference), never a flag inside it.
 *
 * @param name      the name for {@code --bug} ("phase-not-flipped")
 * @param mistake   what the buggy code does, in one line
 * @param rule      the rule whose check must catch it
 * @param fix       what the correct code does instead
 * @param overrides what the lab sets up to show the bug quickly ("--iodepth 8", "16-entry queues"), printed when
 *                  the lab runs so the user knows their options were changed
 */
public record BugLab(String name, String mistake, Rule rule, String fix, List<String> overrides) {

    public BugLab {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mistake, "mistake");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(fix, "fix");
        overrides = List.copyOf(overrides);
    }

    public BugLab(String name, String mistake, Rule rule, String fix) {
        this(name, mistake, rule, fix, List.of());
    }
}
