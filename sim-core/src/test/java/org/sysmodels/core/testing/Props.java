package org.sysmodels.core.testing;

import static org.quicktheories.QuickTheory.qt;

import org.quicktheories.QuickTheory;

/**
 * The project's QuickTheories entry point: a fixed seed so a build is repeatable, overridable with
 * {@code -Dsysmodels.qt.seed=N} to explore other cases; a failure prints its seed and the shrunk case.
 */
public final class Props {

    public static final long SEED = Long.getLong("sysmodels.qt.seed", 20261124L);

    private Props() {
    }

    public static QuickTheory property() {
        return qt().withFixedSeed(SEED);
    }

    public static QuickTheory property(int examples) {
        return qt().withFixedSeed(SEED).withExamples(examples);
    }
}
