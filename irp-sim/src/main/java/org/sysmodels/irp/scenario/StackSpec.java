package org.sysmodels.irp.scenario;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.scenario.Range;
import org.sysmodels.core.scenario.SizeDeserializer;
import org.sysmodels.irp.host.drivers.SampleDrivers;

/**
 * The device stack: lower filters and upper filters bottom-up, and the function driver, by sample-driver name; the
 * RAM disk's size. Defaults: no filters, {@code ramdisk}, 1 MiB.
 */
public record StackSpec(List<String> upper, String function, List<String> lower,
                        @JsonDeserialize(using = SizeDeserializer.class) @Range(min = 4096, max = 1L << 30)
                        Long diskSize) {

    public static final StackSpec DEFAULT = new StackSpec(null, null, null, null);

    public StackSpec {
        upper = upper == null ? List.of() : List.copyOf(upper);
        lower = lower == null ? List.of() : List.copyOf(lower);
        function = function == null ? "ramdisk" : function;
        diskSize = diskSize == null ? 1L << 20 : diskSize;
        if (SampleDrivers.byName(function) == null || !SampleDrivers.byName(function).function()) {
            throw new InvalidFieldException("function", "\"" + function + "\" is not a function driver; known: "
                    + String.join(", ", SampleDrivers.names(true)));
        }
        check("upper", upper);
        check("lower", lower);
        if (upper.size() + lower.size() > 6) {
            throw new InvalidFieldException("upper", "at most 6 filters in all (the IRP stack locations come from "
                    + "the 8-location lookaside list)");
        }
        for (int i = 0; i < lower.size(); i++) {
            if (lower.get(i).equals("splitter")) {
                throw new InvalidFieldException("lower", "the splitter uses IoMakeAssociatedIrp, which only a "
                        + "highest-level driver may call: put it last in \"upper\"");
            }
        }
        for (int i = 0; i < upper.size() - 1; i++) {
            if (upper.get(i).equals("splitter")) {
                throw new InvalidFieldException("upper", "the splitter must be the highest driver: put it last");
            }
        }
    }

    private static void check(String field, List<String> names) {
        for (String n : names) {
            if (n == null || SampleDrivers.byName(n) == null || SampleDrivers.byName(n).function()) {
                throw new InvalidFieldException(field, "\"" + n + "\" is not a filter driver; known: "
                        + String.join(", ", SampleDrivers.names(false)));
            }
        }
    }
}
