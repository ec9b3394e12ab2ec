package org.sysmodels.sensor.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.scenario.ScenarioException;
import org.sysmodels.core.scenario.ScenarioLoader;
import org.sysmodels.core.testing.Props;
import org.sysmodels.sensor.host.safety.Dtc;
import org.sysmodels.sensor.model.i2c.I2cSpeed;
import org.sysmodels.sensor.run.FirmwareSource;
import org.sysmodels.sensor.run.LoopRun;
import org.sysmodels.sensor.run.RunSetup;

/**
 * Stale and frozen-data limits against the BME280's timing (BST-BME280-DS002 §3.3.4, §9.1, Table 27): a limit a
 * healthy channel would trip, or a frozen-data limit the run cannot reach, is refused at its field with the bound.
 */
class SampleFitTest {

    static String refused(String json) {
        return assertThrows(ScenarioException.class, () -> ScenarioLoader.read("s.json", json, Scenario.class))
                .getMessage();
    }

    static Scenario load(String json) throws Exception {
        return ScenarioLoader.read("s.json", json, Scenario.class);
    }

    /** The stale-limit readings of a run: SENSOR_STALE reports of any channel. */
    static long staleReports(Scenario s, int staleUs) throws Exception {
        RunSetup setup = RunSetup.of(s, "s.json", 1);
        setup = setup.withParams(setup.params().withLimits(setup.params().discrepancyCentiC(), staleUs,
                setup.params().frozenUs(), setup.params().debounceUs()));
        LoopRun.Result r = LoopRun.run(setup, s.firmware().equals("rtic") ? FirmwareSource.RTIC
                : FirmwareSource.BARE_METAL, s.faultPlan(), 1, LoopRun.Options.CHECKS_ONLY, "test");
        return r.diagnostics().stream().filter(d -> Integer.parseInt(d[1]) == Dtc.SENSOR_STALE.code()).count();
    }

    @Test
    void aStaleLimitShorterThanTheStartUpIsRefusedWithItsMinimum() {
        String e = refused("{\"safety\": {\"stale\": \"10ms\"}}");
        assertTrue(e.startsWith("s.json:1:22: safety.stale: 10.000 ms is shorter than a healthy channel goes without "
                + "a fresh reading at start-up: allowed at least 12.456 ms on this board; the channel monitor counts "
                + "from its start, before the 2 sensors are initialised one after the other (3.352 ms each at "
                + "400 kHz"), e);
        assertTrue(e.contains("BST-BME280-DS002 §9.1") && e.contains("SENSOR_STALE"), e);
        String below = refused("{\"safety\": {\"stale\": \"5ms\"}}");
        assertTrue(below.contains("every 6.000 ms (t_measure + t_standby 0.5 ms, §3.3.4, Table 27)"), below);
    }

    /**
     * Two standard-mode buses make the start-up 21.405 ms: the default 20 ms stale limit fails both channels of a
     * healthy board at start-up at some periods (3.5 ms here), so the board is refused at mcu.i2c; the minimum it
     * names runs clean.
     */
    @Test
    void theDefaultStaleLimitIsRefusedWhereItFailsAHealthyBoard() throws Exception {
        String board = "{\"duration\": \"60ms\", \"mcu\": {\"i2c\": [\"standard\", \"standard\"]}, "
                + "\"safety\": {\"period\": \"3.5ms\"";
        String e = refused(board + "}}");
        assertTrue(e.startsWith("s.json:1:37: mcu.i2c: the default stale limit, 20.000 ms (safety.stale), is shorter "
                + "than a healthy channel goes without a fresh reading at start-up on this board, 21.405 ms: set "
                + "safety.stale to at least that or use \"fast\" buses (mcu.i2c)"), e);
        Scenario atMinimum = load(board + ", \"stale\": \"21.405ms\"}}");
        assertEquals(0, staleReports(atMinimum, 21_405));
        assertTrue(staleReports(atMinimum, 20_000) > 0, "the default really fails this board at start-up");
    }

    /**
     * On any board the reference runs on (architecture, bus speeds, loop period, firmware style), the shortest stale
     * limit accepted fails no healthy channel at start-up, and one microsecond less is refused at safety.stale.
     */
    @Test
    void theShortestAcceptedStaleLimitFailsNoHealthyChannel() {
        Props.property(40).forAll(integers().between(1, 3), integers().between(0, 3), integers().between(5, 64),
                booleans().all()).checkAssert((n, standardBuses, tenthsMs, rtic) -> {
                    boolean standard1 = (standardBuses & 1) != 0;
                    boolean standard2 = (standardBuses & 2) != 0;
                    List<I2cSpeed> speeds = List.of(standard1 ? I2cSpeed.STANDARD : I2cSpeed.FAST,
                            standard2 ? I2cSpeed.STANDARD : I2cSpeed.FAST);
                    List<I2cSpeed> buses = List.of(speeds.get(0), speeds.get(1), speeds.get(0)).subList(0, n);
                    long min = SampleFit.firstReadingNs(buses);
                    String board = "{\"duration\": \"60ms\", \"architecture\": \"" + (n == 3 ? "2oo3" : "1oo" + n)
                            + "\", \"firmware\": \"" + (rtic ? "rtic" : "bare-metal") + "\", \"mcu\": {\"i2c\": [\""
                            + (standard1 ? "standard" : "fast") + "\", \"" + (standard2 ? "standard" : "fast")
                            + "\"]}, \"safety\": {\"period\": \"" + tenthsMs * 100 + "us\", \"stale\": \"";
                    Scenario s;
                    try {
                        s = load(board + min / 1000 + "us\"}}");
                    } catch (Exception e) {
                        assertTrue(!e.getMessage().contains("safety.stale"), e.getMessage());
                        return;    // a board the reference cannot run on (BoardFit): not this rule's case
                    }
                    try {
                        assertEquals(0, staleReports(s, (int) (min / 1000)), board);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    String less = refused(board + (min / 1000 - 1) + "us\"}}");
                    assertTrue(less.contains(": safety.stale: "), less);
                });
    }

    @Test
    void aFrozenLimitShorterThanASampleAndARead() {
        String e = refused("{\"safety\": {\"frozen\": \"5ms\"}}");
        assertTrue(e.startsWith("s.json:1:23: safety.frozen: 5.000 ms is shorter than a healthy part's data stay the "
                + "same: allowed at least 7.000 ms here; in normal mode the BME280 measures every 6.000 ms (t_measure "
                + "5.500 ms typical, BST-BME280-DS002 §9.1, + t_standby 0.5 ms, Table 27; §3.3.4)"), e);
        String rtic = refused("{\"firmware\": \"rtic\", \"safety\": {\"frozen\": \"7ms\"}}");
        assertTrue(rtic.contains("allowed at least 8.000 ms here") && rtic.contains("RTIC reference's sample task"),
                rtic);
    }

    @Test
    void aFrozenLimitTheRunCannotReach() {
        String e = refused("{\"duration\": \"1s\", \"safety\": {\"frozen\": \"2s\"}}");
        assertTrue(e.startsWith("s.json:1:41: safety.frozen: 2.000 s cannot be reached in this 1.000 s run "
                + "(duration)"), e);
        assertTrue(e.contains("allowed 7.000 ms to "), e);
        String tooShort = refused("{\"duration\": \"15ms\", \"safety\": {\"frozen\": \"7ms\"}}");
        assertTrue(tooShort.contains("make the run at least "), tooShort);
    }

    /**
     * A stale limit longer than the run can reach (10 s in a 2 s run) used to be accepted, so a silent sensor was
     * never reported: refused at safety.stale, naming the limit, the run and the bounds.
     */
    @Test
    void aStaleLimitTheRunCannotReach() {
        String e = refused("{\"duration\": \"2s\", \"safety\": {\"stale\": \"10s\"}}");
        assertTrue(e.startsWith("s.json:1:40: safety.stale: 10.000 s is longer than this 2.000 s run (duration, "
                + "--duration) can reach"), e);
        assertTrue(e.contains("SENSOR_STALE") && e.contains("allowed 12.456 ms to 1.998 s in this run, or make the "
                + "run at least 10.002 s long"), e);
        String tooShort = refused("{\"duration\": \"13ms\", \"safety\": {\"stale\": \"12.5ms\"}}");
        assertTrue(tooShort.contains("; make the run at least 13.601 ms long"), tooShort);
    }

    /** The longest stale limit accepted is the one the message names; a microsecond more is refused. */
    @Test
    void theLongestAcceptedStaleLimitIsTheOneNamed() throws Exception {
        load("{\"duration\": \"2s\", \"safety\": {\"stale\": \"1998000us\"}}");
        String e = refused("{\"duration\": \"2s\", \"safety\": {\"stale\": \"1998001us\"}}");
        assertTrue(e.contains(": safety.stale: "), e);
    }

    /** An accepted stale limit inside the run does fire: a sensor silenced at 100 ms is reported stale. */
    @Test
    void anAcceptedStaleLimitFires() throws Exception {
        Scenario s = load("{\"duration\": \"2s\", \"safety\": {\"stale\": \"1s\"}, \"faults\": "
                + "[{\"kind\": \"sensor-silent\", \"target\": \"sensor1\", \"from\": \"100ms\"}]}");
        LoopRun.Result r = LoopRun.run(RunSetup.of(s, "s.json", 1), FirmwareSource.BARE_METAL, s.faultPlan(), 1,
                LoopRun.Options.CHECKS_ONLY, "test");
        assertTrue(r.diagnostics().stream().anyMatch(d -> Integer.parseInt(d[1]) == Dtc.SENSOR_STALE.code()));
    }

    /** Every packaged scenario keeps its limits; the frozen sensor of stuck-sensor is still found frozen. */
    @Test
    void packagedScenariosStillLoadAndTheStuckSensorIsStillFoundFrozen() throws Exception {
        for (var entry : ScenarioCatalogs.catalog().entries()) {
            ScenarioCatalogs.catalog().resolve(entry.name());
        }
        Scenario stuck = ScenarioCatalogs.catalog().resolve("stuck-sensor");
        LoopRun.Result r = LoopRun.run(RunSetup.of(stuck, "stuck-sensor", 1), FirmwareSource.BARE_METAL,
                stuck.faultPlan(), 1, LoopRun.Options.CHECKS_ONLY, "stuck-sensor");
        List<String[]> frozen = r.diagnostics().stream()
                .filter(d -> Integer.parseInt(d[1]) == Dtc.SENSOR_FROZEN.code()).toList();
        assertEquals(1, frozen.size());
        assertEquals("0", frozen.get(0)[2]);
        assertTrue(Long.parseLong(frozen.get(0)[0]) > 500_000_000L);
    }
}
