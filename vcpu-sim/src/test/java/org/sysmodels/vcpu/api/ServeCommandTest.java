package org.sysmodels.vcpu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sysmodels.core.input.UserInputException;
import org.sysmodels.core.testing.TestFlags;
import org.sysmodels.vcpu.VcpuSystem;
import org.sysmodels.vcpu.host.guest.Guests;

/**
 * {@code sim vcpu serve --api-sock PATH} as a user runs it: the command from the system's subcommands, its flags parsed
 * like the command line, a microVM configured and started over HTTP on the Unix socket (Netty's HTTP client), the
 * guest's output on standard output, and the command ending by itself when the guest powers off.
 */
class ServeCommandTest {

    @TempDir
    Path dir;

    @Test
    void theSystemListsServe() {
        assertEquals(1, new VcpuSystem().subcommands().stream().filter(c -> c.name().equals("serve")).count());
    }

    @Test
    void aMicroVmConfiguredOverTheSocketRunsAndTheCommandEndsWhenItStops() throws Exception {
        Path kernel = dir.resolve("hello.elf");
        Files.write(kernel, Guests.get("hello").elf());
        Path socket = dir.resolve("firecracker.socket");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicBoolean giveUp = new AtomicBoolean();
        ServeCommand cmd = new ServeCommand(giveUp::get);
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> {
            try {
                return cmd.run(TestFlags.parse(cmd.options(), "--api-sock", socket.toString()),
                        new PrintWriter(out, true), new PrintWriter(err, true));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            for (int i = 0; i < 600 && !Files.exists(socket) && !status.isDone(); i++) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(socket), "the socket appears: " + err);
            try (UnixHttpClient c = new UnixHttpClient(socket)) {
                UnixHttpClient.Reply r = c.send("GET", "/", null);
                assertEquals(200, r.status());
                assertTrue(r.body().contains("\"state\":\"Not started\""), r.body());
                assertEquals(204, c.send("PUT", "/machine-config", "{\"vcpu_count\": 1, \"mem_size_mib\": 32}")
                        .status());
                r = c.send("PUT", "/boot-source", "{\"kernel_image_path\": 7}");
                assertEquals(400, r.status());
                assertTrue(r.body().contains("fault_message"), r.body());
                assertEquals(204, c.send("PUT", "/boot-source", "{\"kernel_image_path\": \"" + kernel
                        + "\", \"boot_args\": \"console=ttyS0\"}").status());
                assertEquals(204, c.send("PUT", "/actions", "{\"action_type\": \"InstanceStart\"}").status());
            }
            assertEquals(0, status.get(120, TimeUnit.SECONDS));
        } finally {
            giveUp.set(true);
        }
        assertTrue(out.toString().contains("Hello from a sysmodels microVM!"), out.toString());
        assertTrue(out.toString().contains(" API requests served"), out.toString());
        assertTrue(out.toString().contains("the microVM stopped with exit code 0"), out.toString());
        assertFalse(Files.exists(socket), "the socket is removed at the end");
    }

    @Test
    void withoutTheSocketItSaysWhatIsMissing() {
        ServeCommand cmd = new ServeCommand(() -> true);
        UserInputException e = assertThrows(UserInputException.class, () -> cmd.run(TestFlags.parse(cmd.options()),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains("--api-sock PATH is required"), e.getMessage());
    }

    @Test
    void aSocketFileThatExistsIsRefused() throws Exception {
        Path socket = Files.createFile(dir.resolve("taken.socket"));
        ServeCommand cmd = new ServeCommand(() -> true);
        UserInputException e = assertThrows(UserInputException.class, () -> cmd.run(
                TestFlags.parse(cmd.options(), "--api-sock", socket.toString()),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains("the file exists"), e.getMessage());
    }

    private String refused(Path socket) {
        ServeCommand cmd = new ServeCommand(() -> true);
        return assertThrows(UserInputException.class, () -> cmd.run(
                TestFlags.parse(cmd.options(), "--api-sock", socket.toString()),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))).getMessage();
    }

    /** A folder is not a socket file to remove with rm -f (as the message for an existing file advises). */
    @Test
    void aFolderIsRefusedAsAFolder() {
        assertEquals("--api-sock: " + dir + ": is a folder; give a path for a new socket file, such as "
                + "/tmp/firecracker.socket", refused(dir));
    }

    /** A place where no socket can be made is said in words, not in Netty's "bind(..) failed with error(-2)". */
    @Test
    void aSocketThatCannotBeCreatedSaysWhy() {
        assertEquals("--api-sock: " + dir.resolve("no/such") + ": cannot create the socket: no such folder "
                + dir.resolve("no"), refused(dir.resolve("no/such")));
        String proc = refused(Path.of("/proc/sysmodels.socket"));
        assertFalse(proc.contains("bind(..)"), proc);
        assertTrue(proc.startsWith("--api-sock: /proc/sysmodels.socket: cannot create the socket: "), proc);
    }
}
