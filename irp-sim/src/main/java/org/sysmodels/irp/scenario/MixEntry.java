package org.sysmodels.irp.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.core.scenario.Range;
import org.sysmodels.core.scenario.SizeDeserializer;
import org.sysmodels.irp.host.drivers.IoctlFilter;
import org.sysmodels.irp.host.drivers.RamDisk;
import org.sysmodels.irp.host.drivers.RootBus;
import org.sysmodels.irp.host.workload.Op;

/**
 * One kind of request in a workload: {@code {"op": "read", "weight": 70, "size": "4k"}}; an IOCTL names its code
 * ({@code "ioctl": "IOCTL_DISK_GET_LENGTH_INFO"}, or a number) and may give an input length.
 */
public record MixEntry(OpName op, @Range(min = 0, max = 1_000_000) Integer weight,
                       @JsonDeserialize(using = SizeDeserializer.class) @Range(min = 0, max = 1 << 24) Long size,
                       String ioctl, @JsonDeserialize(using = SizeDeserializer.class) @Range(min = 0, max = 1 << 20)
                       Long input) {

    /** The operation names in scenario files. */
    public enum OpName {
        @JsonProperty("read") READ,
        @JsonProperty("write") WRITE,
        @JsonProperty("ioctl") IOCTL
    }

    public MixEntry {
        if (op == null) {
            throw new InvalidFieldException("op", "say which operation: read, write or ioctl");
        }
        weight = weight == null ? 1 : weight;
        size = size == null ? (op == OpName.IOCTL ? 8L : 4096L) : size;
        input = input == null ? 0L : input;
        if (op == OpName.IOCTL) {
            ioctl = ioctl == null ? "IOCTL_DISK_GET_LENGTH_INFO" : ioctl;
            code(ioctl);
        } else if (ioctl != null) {
            throw new InvalidFieldException("ioctl", "only an ioctl entry has a control code");
        }
    }

    public Op operation() {
        return switch (op) {
            case READ -> Op.READ;
            case WRITE -> Op.WRITE;
            case IOCTL -> Op.IOCTL;
        };
    }

    /** The control code: a known name or a number (decimal or 0x hex). */
    public int ioControlCode() {
        return op == OpName.IOCTL ? code(ioctl) : 0;
    }

    private static int code(String text) {
        switch (text) {
            case "IOCTL_DISK_GET_LENGTH_INFO":
                return RamDisk.IOCTL_DISK_GET_LENGTH_INFO;
            case "IOCTL_FILTER_GET_STATS":
                return IoctlFilter.IOCTL_FILTER_GET_STATS;
            case "IOCTL_BUS_QUERY_SLOT":
                return RootBus.IOCTL_BUS_QUERY_SLOT;
            default:
                try {
                    return text.startsWith("0x") ? Integer.parseUnsignedInt(text.substring(2), 16)
                            : Integer.parseInt(text);
                } catch (NumberFormatException e) {
                    throw new InvalidFieldException("ioctl", "\"" + text + "\" is not a control code: use "
                            + "IOCTL_DISK_GET_LENGTH_INFO, IOCTL_FILTER_GET_STATS, IOCTL_BUS_QUERY_SLOT or a number");
                }
        }
    }
}
