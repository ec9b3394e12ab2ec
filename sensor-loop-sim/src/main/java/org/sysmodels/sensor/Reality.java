package org.sysmodels.sensor;

import java.util.List;
import org.sysmodels.core.system.RealityNote;

/** Sourced facts for the sensor loop's "what is real" section. */
final class Reality {

    static final List<RealityNote> NOTES = List.of(
            new RealityNote("Bosch states that its sensors \"are not fit for use in life-sustaining or "
                    + "safety-critical systems\"; a real safety loop would use a sensor qualified for it. This one is "
                    + "here because it is well documented and students own it.",
                    "Bosch BST-BME280-DS001 §11.2 \"Product use\""),
            new RealityNote("A simulated fault campaign is evidence for a safety case, not a certificate: IEC 61508 "
                    + "asks for an FMEDA of the real hardware with failure rates, systematic capability, proof tests "
                    + "and an independent assessment.", "IEC 61508-1/-2:2010"),
            new RealityNote("Ferrocene is a qualified Rust compiler toolchain (ISO 26262 ASIL D, IEC 61508 SIL 4, "
                    + "IEC 62304; a subset of core certified to ASIL B / SIL 2), not a certified RTOS; SafeRTOS is "
                    + "an RTOS certified to SIL 3.", "Ferrocene documentation; claims.md"),
            new RealityNote("The data sheet's integer compensation and Bosch's current driver are not the same "
                    + "code: the driver divides where the data sheet shifts and clamps its outputs, so below about "
                    + "0 °C (or with dig_T3 < 0) they give a t_fine that differs by up to 2.",
                    "BST-BME280-DS001 §4.2.3; BME280_SensorAPI bme280.c compensate_temperature"),
            new RealityNote("The LSI that clocks the independent watchdog is not trimmed: 26–56 kHz around 38 kHz on "
                    + "an STM32L151, so an IWDG timeout computed at the nominal frequency can be off by half.",
                    "STM32L151 data sheet DocID17659 Table 31; RM0090 Table 107"),
            new RealityNote("A watchdog without a time window is rated low diagnostic coverage for program-sequence "
                    + "faults; a windowed one medium; temporal and logical monitoring together high. Refreshing it "
                    + "from a timer interrupt defeats it: the interrupt keeps running when the main loop hangs.",
                    "IEC 61508-2:2010 Table A.10"),
            new RealityNote("I2C has no checksum and the BME280 has no CRC: a flipped bit on the bus arrives as "
                    + "valid data, and only plausibility checks can catch it.", "NXP UM10204; BST-BME280-DS001 §6"),
            new RealityNote("Cortex-M3/M4 take 12 cycles to enter an interrupt and 10 to leave it, 6 to tail-chain "
                    + "the next (zero wait states). This model is cycle-approximate: firmware states its own cycle "
                    + "costs. Renode and QEMU are not cycle-accurate either.",
                    "ARM knowledge article 103489845; Renode documentation"),
            new RealityNote("RTIC implements the immediate priority ceiling protocol with BASEPRI: a lock raises the "
                    + "priority to the resource's ceiling, so a task is blocked at most once, by one critical "
                    + "section, and deadlock is impossible.", "The RTIC book; Baker, Stack-based scheduling of "
                    + "realtime processes (1991)"));

    private Reality() {
    }
}
