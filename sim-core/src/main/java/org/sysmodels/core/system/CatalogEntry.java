package org.sysmodels.core.system;

/** Something a user can run by name: a scenario ({@code --scenario NAME}) or a bug lab ({@code --bug NAME}). */
public record CatalogEntry(Kind kind, String name, String description) {

    public enum Kind {
        SCENARIO,
        BUG_LAB
    }

    public static CatalogEntry scenario(String name, String description) {
        return new CatalogEntry(Kind.SCENARIO, name, description);
    }

    public static CatalogEntry bugLab(String name, String description) {
        return new CatalogEntry(Kind.BUG_LAB, name, description);
    }
}
