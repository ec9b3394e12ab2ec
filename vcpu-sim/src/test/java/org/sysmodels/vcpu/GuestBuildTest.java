package org.sysmodels.vcpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.vcpu.host.guest.Guests;
import org.sysmodels.vcpu.run.MicroVmRun;
import org.sysmodels.vcpu.scenario.VcpuScenario;

/**
 * The committed guest ELFs are what guests/build.sh makes from the committed sources: with the cross compiler
 * installed (scripts/install-test-deps.sh installs gcc-riscv64-unknown-elf), the guests are rebuilt into a temporary
 * directory and compared byte for byte when the compiler is the one that built them (guests/elf/COMPILER), else by
 * what they print when run.
 */
class GuestBuildTest {

    @TempDir
    Path out;

    @Test
    void committedElfsAreWhatTheSourcesBuild() throws Exception {
        Path guests = Path.of("guests").toAbsolutePath();
        Assumptions.assumeTrue(Files.isDirectory(guests), "run from the vcpu-sim module directory");
        boolean cc = Files.isExecutable(Path.of("/usr/bin/riscv64-unknown-elf-gcc"));
        Assumptions.assumeTrue(cc, "riscv64-unknown-elf-gcc is not installed; scripts/install-test-deps.sh installs it");
        Process p = new ProcessBuilder("bash", guests.resolve("build.sh").toString(), out.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "build.sh did not finish");
        assertEquals(0, p.exitValue(), log);
        boolean sameCompiler = Files.readString(out.resolve("COMPILER"))
                .equals(Files.readString(guests.resolve("elf/COMPILER")));
        for (Guests.Guest g : Guests.ALL) {
            byte[] built = Files.readAllBytes(out.resolve(g.name() + ".elf"));
            if (sameCompiler) {
                assertArrayEquals(g.elf(), built, g.name() + ".elf differs from what build.sh makes");
            } else if (!g.needsDrive() && !g.name().equals("spin") && !g.name().equals("idle")) {
                VcpuScenario s = VcpuScenario.DEFAULT.withGuest(g.name(), g.bootArgs()).withVcpus(g.vcpus());
                String committed = MicroVmRun.run(MicroVmRun.Setup.of(s, g.elf(), g.name())).console();
                String rebuilt = MicroVmRun.run(MicroVmRun.Setup.of(s, built, g.name())).console();
                assertEquals(committed, rebuilt, g.name() + " prints differently when rebuilt");
            }
        }
        assertArrayEquals(Guests.resource("elf/template-hello.elf"),
                Files.readAllBytes(out.resolve("template-hello.elf")), "the template builds as committed");
    }
}
