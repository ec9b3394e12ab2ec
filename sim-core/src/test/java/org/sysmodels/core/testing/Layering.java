package org.sysmodels.core.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DESIGN.md's package rules for a model module, held by ArchUnit. Each model module has one test:
 * <pre>{@code Layering.module("org.sysmodels.nvme").check();}</pre>
 * and names any extra top-level package with the layer it belongs to ({@code .model("pixel")}).
 *
 * <ul>
 *   <li>layers, bottom up: {@code model} (the system itself) · {@code host} (the other side: driver, app, firmware) ·
 *       {@code check} (run-time rules) · {@code scenario} (records and loading) · {@code quiz} · {@code run} (wiring,
 *       reports, tour) · the module's root package (its {@code SimSystem}); a layer reaches only layers below it,
 *       so {@code model} imports nothing from the others;
 *   <li>every top-level package belongs to a layer;
 *   <li>no class reaches a sibling model module (only {@code org.sysmodels.core} and its own module);
 *   <li>no package cycles, at any depth;
 *   <li>no class uses picocli (systems describe their flags as data; picocli lives in suite alone).
 * </ul>
 */
public final class Layering {

    private static final List<String> SYSTEMS = List.of("nvme", "irp", "vcpu", "compositor", "presence", "sensor",
            "queue");

    private final String base;
    private final Map<String, List<String>> layers = new LinkedHashMap<>();

    private Layering(String base) {
        this.base = base;
        for (String layer : List.of("model", "host", "check", "scenario", "quiz", "run")) {
            layers.put(layer, new ArrayList<>(List.of(layer)));
        }
    }

    /** The rules for the module whose classes live under {@code base} ("org.sysmodels.nvme"). */
    public static Layering module(String base) {
        return new Layering(base);
    }

    /** Extra top-level packages that belong to the model layer (e.g. compositor's "pixel"). */
    public Layering model(String... packages) {
        return add("model", packages);
    }

    /** Extra top-level packages that belong to the host layer (e.g. compositor's "app"). */
    public Layering host(String... packages) {
        return add("host", packages);
    }

    /** Extra top-level packages that belong to the check layer. */
    public Layering check(String... packages) {
        return add("check", packages);
    }

    /** Extra top-level packages that belong to the run layer (e.g. compositor's "output", presence's "gateway"). */
    public Layering run(String... packages) {
        return add("run", packages);
    }

    private Layering add(String layer, String... packages) {
        layers.get(layer).addAll(List.of(packages));
        return this;
    }

    /** Imports the module's main classes and asserts every rule; a failure lists each offending dependency. */
    public void check() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(base);
        if (classes.isEmpty()) {
            throw new AssertionError("no classes under " + base);
        }

        LayeredArchitecture arch = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true);
        String[] names = {"Model", "Host", "Check", "Scenario", "Quiz", "Run"};
        String[] keys = {"model", "host", "check", "scenario", "quiz", "run"};
        for (int i = 0; i < keys.length; i++) {
            arch = arch.layer(names[i]).definedBy(packages(keys[i]));
        }
        arch = arch.layer("Root").definedBy(base);
        arch = arch.whereLayer("Model").mayOnlyBeAccessedByLayers("Host", "Check", "Scenario", "Quiz", "Run", "Root")
                .whereLayer("Host").mayOnlyBeAccessedByLayers("Check", "Scenario", "Quiz", "Run", "Root")
                .whereLayer("Check").mayOnlyBeAccessedByLayers("Scenario", "Quiz", "Run", "Root")
                .whereLayer("Scenario").mayOnlyBeAccessedByLayers("Quiz", "Run", "Root")
                .whereLayer("Quiz").mayOnlyBeAccessedByLayers("Run", "Root")
                .whereLayer("Run").mayOnlyBeAccessedByLayers("Root")
                .whereLayer("Root").mayNotBeAccessedByAnyLayer();
        arch.check(classes);

        List<String> known = new ArrayList<>();
        known.add(base);
        layers.values().forEach(ps -> ps.forEach(p -> known.add(base + "." + p + "..")));
        classes().should().resideInAnyPackage(known.toArray(String[]::new))
                .because("every top-level package of a model module belongs to a layer (DESIGN.md, \"Inside a "
                        + "model module\"); name extra ones with Layering.model/host/check/run")
                .check(classes);

        for (String other : SYSTEMS) {
            String pkg = "org.sysmodels." + other;
            if (!base.equals(pkg)) {
                noClasses().should().dependOnClassesThat().resideInAPackage(pkg + "..")
                        .because("a model module never depends on another model module (DESIGN.md)")
                        .check(classes);
            }
        }
        noClasses().should().dependOnClassesThat().resideInAPackage("org.sysmodels.suite..")
                .because("suite reaches the models, never the other way round").check(classes);
        noClasses().should().dependOnClassesThat().resideInAPackage("picocli..")
                .because("systems describe their flags as data (OptionSpec); picocli lives in suite alone")
                .check(classes);
        slices().matching(base + ".(**)").should().beFreeOfCycles().check(classes);
    }

    private String[] packages(String layer) {
        return layers.get(layer).stream().map(p -> base + "." + p + "..").toArray(String[]::new);
    }

    /** sim-core's rules: it names no model and has no package cycles. */
    public static void checkCore() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("org.sysmodels.core");
        noClasses().should().dependOnClassesThat().resideOutsideOfPackages("org.sysmodels.core..", "java..",
                        "javax..", "com.sun.source..", "com.fasterxml.jackson..", "org.HdrHistogram..")
                .because("sim-core is the kernel every model uses: it names no model, and its only libraries are "
                        + "Jackson and HdrHistogram (besides the JDK's, whose compiler tree API, com.sun.source, "
                        + "reads students' code)").check(classes);
        slices().matching("org.sysmodels.core.(**)").should().beFreeOfCycles().check(classes);
    }
}
