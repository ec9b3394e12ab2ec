package org.sysmodels.core.check;

import java.util.Objects;

/**
 * A rule the real system states, which a run-time check holds a model or a host to: its short name ("cid-unique"),
 * the rule in one sentence, ideally in the source's own words, and the source (a spec section or a real file), so
 * every finding can say what was broken and who says so.
 */
public record Rule(String name, String statement, String source) {

    public Rule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(source, "source");
        if (name.isBlank() || !name.equals(name.strip()) || name.contains(" ")) {
            throw new IllegalArgumentException("a rule name is one word with dashes, e.g. \"cid-unique\": \""
                    + name + "\"");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
