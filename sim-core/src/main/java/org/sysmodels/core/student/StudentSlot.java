package org.sysmodels.core.student;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a student's own code plugs into a system, under the system's own word: {@code --driver} for nvme and irp,
 * {@code --app} for the compositor, {@code --firmware} for the sensor loop, {@code --kernel} for vcpu (a compiled
 * guest, not Java). The command line adds {@code --<flag> FILE}, {@code --template NAME} and {@code --grade FILE}.
 *
 * @param flag        the flag's name with dashes ("--driver")
 * @param noun        what the file holds, for messages ("driver")
 * @param kind        a Java source file compiled in memory, or a binary the system loads itself
 * @param description one paragraph for help: what the code implements and where it runs
 * @param templates   starter files for {@code --template NAME}; the first is the default
 */
public record StudentSlot(String flag, String noun, Kind kind, String description, List<Template> templates) {

    /** What kind of file the slot takes. */
    public enum Kind {
        /** One Java source file, compiled in memory against the system's public API ({@link JavaStudentCode}). */
        JAVA_SOURCE,
        /** A binary the system reads itself (e.g. an ELF guest). */
        BINARY
    }

    public StudentSlot {
        Objects.requireNonNull(flag, "flag");
        Objects.requireNonNull(noun, "noun");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        templates = List.copyOf(templates);
        if (!flag.startsWith("--")) {
            throw new IllegalArgumentException("a slot's flag looks like \"--driver\": \"" + flag + "\"");
        }
    }

    public Optional<Template> template(String name) {
        return templates.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public List<String> templateNames() {
        return templates.stream().map(Template::name).toList();
    }
}
