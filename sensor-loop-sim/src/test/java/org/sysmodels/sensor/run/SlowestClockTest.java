package org.sysmodels.sensor.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sysmodels.core.fault.FaultPlan;
import org.sysmodels.core.scenario.InvalidFieldException;
import org.sysmodels.sensor.scenario.McuSpec;
import org.sysmodels.sensor.scenario.Scenario;

/**
 * The slowest core clock a scenario may give is one the reference loop really runs at: no reset, no deadline miss,
 * every check clean. One MHz below it is refused.
 */
class SlowestClockTest {

    static Scenario at(String arch, String firmware, long hz) {
        return new Scenario(null, 300_000_000L, arch, firmware, new McuSpec(hz, null, null, null, null, null, null,
                null, null, null), null, null, null, null, null);
    }

    static boolean accepted(String arch, String firmware, long hz) {
        try {
            at(arch, firmware, hz);
            return true;
        } catch (InvalidFieldException e) {
            return false;
        }
    }

    @ParameterizedTest
    @CsvSource({"1oo1, bare-metal, 4096000", "1oo2, bare-metal, 4096000", "2oo3, bare-metal, 9423702",
            "1oo2, rtic, 2560000"})
    void theSlowestAcceptedClockRunsClean(String arch, String firmware, long expected) throws Exception {
        long lo = 1_000_000;
        long hi = 80_000_000;
        while (lo < hi) {
            long mid = (lo + hi) / 2;
            if (accepted(arch, firmware, mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        assertEquals(expected, lo, "slowest accepted core clock");
        InvalidFieldException below = assertThrows(InvalidFieldException.class,
                () -> at(arch, firmware, expected - 1));
        assertEquals("mcu.coreHz", below.field());
        assertTrue(below.getMessage().startsWith(String.format(java.util.Locale.ROOT, "%.6f MHz", (expected - 1) / 1e6)
                + " "), "the refused clock is shown exactly: " + below.getMessage());
        RunSetup s = RunSetup.of(at(arch, firmware, lo), "t", 1);
        LoopRun.Result r = LoopRun.run(s, firmware.equals("rtic") ? FirmwareSource.RTIC : FirmwareSource.BARE_METAL,
                FaultPlan.none(), 1, LoopRun.Options.CHECKS_ONLY, "t");
        assertEquals(0, r.resets(), "resets at " + lo + " Hz");
        assertTrue(r.diagnostics().isEmpty(), () -> "diagnostics at " + expected + " Hz: "
                + r.diagnostics().stream().map(d -> String.join(" ", d)).toList());
        assertTrue(r.findings().isEmpty(), () -> "findings at " + expected + " Hz: " + r.findings());
    }
}
