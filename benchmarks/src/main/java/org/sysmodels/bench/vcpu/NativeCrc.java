package org.sysmodels.bench.vcpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sysmodels.vcpu.host.guest.Guests;

/**
 * The peer: the crc guest's work (guests/crc32.h, the very file the guest includes) compiled for the host with
 * {@code cc -O2} and called through a JNI shim of a few lines, which this class writes out, compiles against the
 * running JDK's jni.h, and loads.
 */
final class NativeCrc {

    private static boolean loaded;

    private NativeCrc() {
    }

    static native int workload(int rounds);

    static synchronized void load() {
        if (loaded) {
            return;
        }
        try {
            Path dir = nativeDir();
            Files.createDirectories(dir);
            Path h = dir.resolve("crc32.h");
            Files.write(h, Guests.resource("crc32.h"));
            Path c = dir.resolve("crc_peer.c");
            Files.writeString(c, """
                    #include <jni.h>
                    #include "crc32.h"

                    static unsigned char buffer[CRC_BUFFER_BYTES];
                    static unsigned int table[256];

                    JNIEXPORT jint JNICALL Java_org_sysmodels_bench_vcpu_NativeCrc_workload(
                            JNIEnv *env, jclass cls, jint rounds) {
                        return (jint) crc32_workload(buffer, table, rounds);
                    }
                    """, StandardCharsets.UTF_8);
            Path lib = dir.resolve("libsysmodels_crc_peer.so");
            String javaHome = System.getProperty("java.home");
            Process p = new ProcessBuilder(List.of("cc", "-O2", "-shared", "-fPIC", "-o", lib.toString(),
                    c.toString(), "-I" + dir, "-I" + javaHome + "/include", "-I" + javaHome + "/include/linux"))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException("cc: " + out);
            }
            System.load(lib.toAbsolutePath().toString());
            loaded = true;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot build the native CRC peer (needs cc and libc6-dev): "
                    + e.getMessage(), e);
        }
    }

    private static Path nativeDir() {
        Path target = Path.of("benchmarks", "target");
        return Files.isDirectory(target) ? target.resolve("native")
                : Path.of(System.getProperty("java.io.tmpdir"), "sysmodels-native");
    }
}
