package org.sysmodels.vcpu.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.sysmodels.core.testing.Props;
import org.sysmodels.vcpu.host.guest.Guests;
import org.sysmodels.vcpu.model.memory.GuestMemory;
import org.sysmodels.vcpu.model.vcpu.FcExitCode;
import org.sysmodels.vcpu.scenario.VcpuScenario;
import org.sysmodels.vcpu.scenario.VcpuScenario.Action;
import org.sysmodels.vcpu.scenario.VcpuScenario.What;
import org.sysmodels.vcpu.testing.Asm;

/**
 * Snapshot, restore, run equals the uninterrupted run: for random guest programs (a loop of random arithmetic,
 * loads, stores and serial writes, then a shutdown), for the compiled count and smp guests, at random snapshot
 * points, a full snapshot (and a diff one after it) restored into a fresh VMM and run on must end with the same
 * serial output, exit, registers, memory and disk as the run it was taken from.
 */
class SnapshotRestorePropertiesTest {

    /** A random loop body: each int is one instruction, chosen from ALU, memory and serial templates. */
    static Gen<List<Integer>> bodies() {
        return lists().of(integers().all()).ofSizeBetween(1, 24);
    }

    static byte[] program(List<Integer> seeds, int iterations) {
        List<Integer> code = new ArrayList<>();
        code.add(Asm.u(0, 1, 0x17));                 // auipc x1, 0
        code.add(Asm.lui(9, 1));                     // x9 = 0x1000
        code.add(Asm.r(0, 9, 1, 0, 1, 0x33));        // x1 = 0x8000_1000: data
        code.add(Asm.lui(2, 0x40002));               // x2 = serial
        code.addAll(Asm.li(3, iterations));          // x3 = loop counter
        int loop = code.size();
        for (int s : seeds) {
            int rd = 5 + ((s >>> 4) & 7);
            int rs1 = 5 + ((s >>> 8) & 7);
            int rs2 = 5 + ((s >>> 12) & 7);
            int off = ((s >>> 16) & 0x7F) * 8;
            switch (s & 15) {
                case 0, 1 -> code.add(Asm.addi(rd, rs1, (s >> 20)));
                case 2 -> code.add(Asm.r(0, rs2, rs1, 0, rd, 0x33));             // add
                case 3 -> code.add(Asm.r(0x20, rs2, rs1, 0, rd, 0x33));          // sub
                case 4 -> code.add(Asm.r(0, rs2, rs1, 4, rd, 0x33));             // xor
                case 5 -> code.add(Asm.r(1, rs2, rs1, 0, rd, 0x33));             // mul
                case 6 -> code.add(Asm.i((s >>> 26) & 63, rs1, 1, rd, 0x13));    // slli
                case 7 -> code.add(Asm.i((s >>> 26) & 63, rs1, 5, rd, 0x13));    // srli
                case 8, 9 -> code.add(Asm.sd(rs2, 1, off));
                case 10 -> code.add(Asm.s(off + 4, rs2, 1, 2, 0x23));           // sw
                case 11 -> code.add(Asm.sb(rs2, 1, off + 3));
                case 12, 13 -> code.add(Asm.ld(rd, 1, off));
                case 14 -> code.add(Asm.sb(rs2, 2, 0));                          // a byte to the serial port
                default -> code.add(Asm.i(0xC02, 0, 2, rd, 0x73));               // rdinstret
            }
        }
        code.add(Asm.addi(3, 3, -1));
        code.add(Asm.b(4 * (loop - code.size()), 0, 3, 1));                     // bne x3, x0, loop
        code.addAll(Asm.li(17, 0x53525354));
        code.add(Asm.addi(16, 0, 0));
        code.add(Asm.addi(10, 0, 0));
        code.add(Asm.addi(11, 0, 0));
        code.add(Asm.ECALL);
        code.add(Asm.j(0, 0));
        return Asm.elf(GuestMemory.DRAM_START, Asm.toArray(code), 0x2000);
    }

    static void check(VcpuScenario base, byte[] elf, String name, double first, double second) {
        MicroVmRun.Outcome alone = MicroVmRun.run(MicroVmRun.Setup.of(base, elf, name));
        assertEquals(FcExitCode.OK, alone.exitCode(), "the program runs to its end: " + alone.console());
        long t1 = Math.max(1, (long) (alone.endNs() * first));
        long t2 = t1 + Math.max(1, (long) ((alone.endNs() - t1) * second));
        VcpuScenario s = base.withTrackDirtyPages(true).withActions(List.of(
                Action.at(t1, What.PAUSE), Action.snapshotAt(t1, VcpuScenario.SnapshotType.FULL),
                Action.at(t1, What.RESUME),
                Action.at(t2, What.PAUSE), Action.snapshotAt(t2, VcpuScenario.SnapshotType.DIFF),
                Action.at(t2, What.RESUME)));
        MicroVmRun.Outcome o = MicroVmRun.run(MicroVmRun.Setup.of(s, elf, name));
        assertEquals(alone.console(), o.console(), "pausing and snapshotting are invisible to the guest");
        assertTrue(o.findings().isEmpty(), "t1 " + t1 + " t2 " + t2 + ": " + o.findings().list() + " "
                + o.restoreResults() + " " + o.log());
        assertTrue(o.restoreResults().size() <= 2 && o.restoreResults().stream().allMatch(r -> r.contains(
                "ended exactly as this run did")), o.restoreResults().toString());
    }

    @Test
    void randomProgramsRestoreAsTheyRan() {
        Props.property(60).forAll(bodies(), integers().between(1, 300), doubles().between(0.0, 1.0),
                doubles().between(0.0, 1.0)).checkAssert((body, n, f1, f2) -> check(
                new VcpuScenario("random", "", 1, 4L, null, null, 1_000_000_000L, null, null, null, null, null, null),
                program(body, n), "random", f1, f2));
    }

    @Test
    void compiledGuestsRestoreAsTheyRan() {
        Props.property(12).forAll(integers().between(1000, 40000), integers().between(1, 9),
                doubles().between(0.0, 1.0), doubles().between(0.0, 1.0)).checkAssert((count, step, f1, f2) -> {
                    VcpuScenario c = new VcpuScenario("count", "count=" + count + " step=" + (count / step), 1,
                            8L, null, null, 5_000_000_000L, null, null, null, null, null, null);
                    check(c, Guests.get("count").elf(), "count", f1, f2);
                    VcpuScenario smp = new VcpuScenario("smp", "iters=" + count / 20, 2, 8L, null, null,
                            5_000_000_000L, 20_000L, null, null, null, null, null);
                    check(smp, Guests.get("smp").elf(), "smp", f1, f2);
                });
    }
}
