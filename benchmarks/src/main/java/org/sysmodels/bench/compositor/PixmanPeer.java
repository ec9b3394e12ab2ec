package org.sysmodels.bench.compositor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * pixman, the peer, through a JNI shim of a few lines that this class writes out, compiles with {@code cc} against
 * the system's pixman ({@code pkg-config pixman-1}) and the running JDK's {@code jni.h}, and loads. One native call
 * runs a whole frame: fill the destination, then {@code pixman_image_composite32(PIXMAN_OP_OVER, ...)} once per layer,
 * the way a per-layer compositor works. Pixels live in direct buffers that pixman reads in place.
 */
public final class PixmanPeer {

    private static final String SOURCE = """
            #include <jni.h>
            #include <pixman.h>
            #include <stdint.h>

            JNIEXPORT jlong JNICALL Java_org_sysmodels_bench_compositor_PixmanPeer_image(
                    JNIEnv *env, jclass cls, jobject buffer, jint w, jint h) {
                uint32_t *bits = (uint32_t *) (*env)->GetDirectBufferAddress(env, buffer);
                return (jlong) (intptr_t) pixman_image_create_bits(PIXMAN_a8r8g8b8, w, h, bits, w * 4);
            }

            JNIEXPORT void JNICALL Java_org_sysmodels_bench_compositor_PixmanPeer_frame(
                    JNIEnv *env, jclass cls, jlongArray layers, jlong dst, jint background, jint w, jint h) {
                jlong ids[64];
                jsize n = (*env)->GetArrayLength(env, layers);
                (*env)->GetLongArrayRegion(env, layers, 0, n, ids);
                pixman_image_t *d = (pixman_image_t *) (intptr_t) dst;
                pixman_fill(pixman_image_get_data(d), w, 32, 0, 0, w, h, (uint32_t) background);
                for (jsize k = 0; k < n; k++) {
                    pixman_image_composite32(PIXMAN_OP_OVER, (pixman_image_t *) (intptr_t) ids[k], NULL, d,
                                             0, 0, 0, 0, 0, 0, w, h);
                }
            }

            JNIEXPORT jint JNICALL Java_org_sysmodels_bench_compositor_PixmanPeer_version(JNIEnv *env, jclass cls) {
                return pixman_version();
            }
            """;

    private static boolean loaded;

    private final long[] layers;
    private final long dst;
    private final ByteBuffer dstPixels;
    private final int width;
    private final int height;
    @SuppressWarnings("unused")
    private final List<ByteBuffer> keepAlive = new ArrayList<>();

    private static native long image(ByteBuffer pixels, int w, int h);

    private static native void frame(long[] layers, long dst, int background, int w, int h);

    private static native int version();

    public PixmanPeer(BlendWorkload workload) {
        load();
        width = BlendWorkload.WIDTH;
        height = BlendWorkload.HEIGHT;
        layers = new long[BlendWorkload.LAYERS];
        for (int k = 0; k < layers.length; k++) {
            ByteBuffer b = direct(width * height);
            b.asIntBuffer().put(workload.layers[k].pixels());
            keepAlive.add(b);
            layers[k] = image(b, width, height);
        }
        dstPixels = direct(width * height);
        dst = image(dstPixels, width, height);
    }

    /** One frame: background, then every layer OVER the destination. */
    public void frame() {
        frame(layers, dst, BlendWorkload.BACKGROUND, width, height);
    }

    /** The destination's pixels after the last frame. */
    public int[] result() {
        int[] out = new int[width * height];
        dstPixels.asIntBuffer().get(out);
        return out;
    }

    /** pixman's version as "0.42.2". */
    public static String pixmanVersion() {
        load();
        int v = version();
        return v / 10000 + "." + v / 100 % 100 + "." + v % 100;
    }

    private static ByteBuffer direct(int pixels) {
        return ByteBuffer.allocateDirect(4 * pixels).order(ByteOrder.nativeOrder());
    }

    private static synchronized void load() {
        if (loaded) {
            return;
        }
        try {
            Path dir = nativeDir();
            Files.createDirectories(dir);
            Path c = dir.resolve("pixman_peer.c");
            Path lib = dir.resolve("libsysmodels_pixman_peer.so");
            Files.writeString(c, SOURCE, StandardCharsets.UTF_8);
            String javaHome = System.getProperty("java.home");
            List<String> cmd = new ArrayList<>(List.of("cc", "-O2", "-shared", "-fPIC", "-o", lib.toString(),
                    c.toString(), "-I" + javaHome + "/include", "-I" + javaHome + "/include/linux"));
            cmd.addAll(pkgConfig());
            run(cmd);
            System.load(lib.toAbsolutePath().toString());
            loaded = true;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot build the pixman peer (needs cc, pkg-config and libpixman-1-dev): "
                    + e.getMessage(), e);
        }
    }

    /** benchmarks/target/native when run from the project root (bench/run does), else a temporary directory. */
    private static Path nativeDir() {
        Path target = Path.of("benchmarks", "target");
        return Files.isDirectory(target) ? target.resolve("native")
                : Path.of(System.getProperty("java.io.tmpdir"), "sysmodels-native");
    }

    private static List<String> pkgConfig() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("pkg-config", "--cflags", "--libs", "pixman-1").redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IOException("pkg-config pixman-1: " + out);
        }
        return List.of(out.split("\\s+"));
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + ": " + out);
        }
    }
}
