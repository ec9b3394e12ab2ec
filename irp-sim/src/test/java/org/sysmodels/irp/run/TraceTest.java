package org.sysmodels.irp.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.core.testing.TraceFiles;
import org.sysmodels.core.trace.ChromeTraceWriter;
import org.sysmodels.core.trace.TextLogWriter;
import org.sysmodels.irp.scenario.IrpLabs;
import org.sysmodels.irp.scenario.IrpScenario;
import org.sysmodels.irp.scenario.IrpScenarios;
import org.sysmodels.irp.scenario.LabSetup;
import org.sysmodels.irp.scenario.WorkloadSection;

/** The Perfetto trace: well formed, a track per processor and per device object, flows, IRQL counters, repeatable. */
class TraceTest {

    @TempDir
    Path dir;

    static IrpScenario small() throws Exception {
        return IrpScenarios.resolve("demo").withWorkload(new WorkloadSection(4, 1, null, null, null, 300L, null, null,
                null));
    }

    @Test
    void traceIsWellFormedAndShowsProcessorsDevicesFlowsAndIrql() throws Exception {
        IrpRun.Outcome o = IrpRun.run(small(), IrpRun.Options.seed(3).withTrace(1_000_000));
        Path f = dir.resolve("irp.json");
        ChromeTraceWriter.write(o.trace(), f);
        List<JsonNode> events = TraceFiles.readAndCheck(f);
        String all = Files.readString(f);
        assertTrue(all.contains("\"CPU 0\"") && all.contains("\"CPU 3\""), "a track per processor");
        assertTrue(all.contains("\\\\Device\\\\RamDisk0"), "a track per device object");
        assertTrue(events.stream().anyMatch(e -> e.path("ph").asText().equals("s")
                && e.path("name").asText().equals("IoCallDriver")), "flows from IoCallDriver");
        assertTrue(events.stream().anyMatch(e -> e.path("ph").asText().equals("f")
                && e.path("name").asText().equals("IoCompleteRequest")), "flows from IoCompleteRequest");
        assertTrue(events.stream().anyMatch(e -> e.path("ph").asText().equals("C")
                && e.path("name").asText().startsWith("IRQL")), "IRQL counters");
        assertTrue(all.contains("ReadPostProcess completion routine"), "completion routine slices");
        assertTrue(all.contains("RamDisk DPC"), "DPC slices");
    }

    @Test
    void theTextLogShowsIrpAddressesInHexAsTheJsonAndTheBugChecksDo() throws Exception {
        IrpRun.Outcome o = IrpRun.run(small(), IrpRun.Options.seed(3).withTrace(1_000_000));
        java.io.StringWriter w = new java.io.StringWriter();
        TextLogWriter.write(o.trace(), w);
        String text = w.toString();
        assertTrue(text.contains("irp=0xffffc00000000000"), "routine slices name the IRP in hex");
        assertTrue(text.contains("IRP_MJ_READ #0xffffc"), "the IRP track's ids are hex");
        assertTrue(!text.contains("irp=-") && !text.contains(" #-"), "no negative decimal addresses");
        Path f = dir.resolve("irp.json");
        ChromeTraceWriter.write(o.trace(), f);
        assertTrue(Files.readString(f).contains("\"irp\":\"0xffffc00000000000\""), "the JSON's args say the same");
    }

    @Test
    void sameSeedSameTraceBytes() throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        ChromeTraceWriter.write(IrpRun.run(small(), IrpRun.Options.seed(9).withTrace(1_000_000)).trace(), a);
        ChromeTraceWriter.write(IrpRun.run(small(), IrpRun.Options.seed(9).withTrace(1_000_000)).trace(), b);
        assertEquals(-1, Files.mismatch(a, b));
    }

    @Test
    void aStoppedRunStillWritesAWellFormedTrace() throws Exception {
        LabSetup lab = IrpLabs.byName("completes-twice-after-cancel-race");
        IrpRun.Outcome o = IrpRun.run(lab.scenario(IrpScenarios.labBase()), IrpRun.Options.seed(1)
                .withReplacements(lab.replacements(), lab.otherStack()).withTrace(1_000_000));
        Path f = dir.resolve("stop.json");
        ChromeTraceWriter.write(o.trace(), f);
        TraceFiles.readAndCheck(f);
        assertTrue(Files.readString(f).contains("BUG CHECK") || o.stop() != null);
    }
}
