package org.sysmodels.irp.host.drivers;

import java.util.List;
import java.util.function.Supplier;
import org.sysmodels.irp.wdm.WdmDriver;

/** The sample drivers by the names scenarios use, with where each may sit in a stack. */
public final class SampleDrivers {

    /** One sample driver. */
    public record Sample(String name, boolean function, String what, Supplier<WdmDriver> create) {
    }

    public static final List<Sample> ALL = List.of(
            new Sample("ramdisk", true, "RAM disk function driver: cancel-safe queue, completion from a DPC",
                    RamDisk::new),
            new Sample("ramdisk-classic", true, "the RAM disk with a hand-written queue and cancel routine",
                    RamDiskClassicQueue::new),
            new Sample("counting", false, "counts IRPs and forwards them with skip", CountingFilter::new),
            new Sample("read-postprocess", false, "post-processes reads in a completion routine",
                    ReadPostProcessFilter::new),
            new Sample("ioctl-filter", false, "completes its own IOCTLs, fails oversized ones, forwards the rest",
                    IoctlFilter::new),
            new Sample("splitter", false, "splits large reads into associated IRPs (highest-level only)",
                    SplittingFilter::new));

    private SampleDrivers() {
    }

    public static Sample byName(String name) {
        for (Sample s : ALL) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    public static List<String> names(boolean function) {
        return ALL.stream().filter(s -> s.function() == function).map(Sample::name).toList();
    }
}
