package org.sysmodels.vcpu.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.core.option.Options;
import org.sysmodels.core.system.RunRequest;
import org.sysmodels.vcpu.VcpuSystem;

/**
 * {@code sim vcpu --api-sock PATH} (the README's form) ended with Ctrl-C or SIGTERM removes its socket as {@code sim
 * vcpu serve} does, so the same command starts again on the same path. It left the socket behind, and the next start
 * failed with "the file exists".
 */
class ApiSockInterruptTest {

    @TempDir
    Path dir;

    /** The run as the suite makes it, in a process of its own. */
    public static void main(String[] args) throws Exception {
        VcpuSystem system = new VcpuSystem();
        system.run(RunRequest.ofSeed(1).withOptions(Options.parse(system.options(), Map.of("--api-sock", args[0]))));
    }

    @Test
    void aTerminatedServerRemovesItsSocket() throws Exception {
        Path socket = dir.resolve("firecracker.socket");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ApiSockInterruptTest.class.getName(), socket.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        try {
            for (int i = 0; i < 600 && !Files.exists(socket) && p.isAlive(); i++) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(socket), "the server listens: " + Files.readString(dir.resolve("out.txt")));
            p.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the server ends");
            assertFalse(Files.exists(socket), "the socket is removed: " + Files.readString(dir.resolve("out.txt")));
        } finally {
            p.destroyForcibly();
        }
    }
}
