package org.sysmodels.compositor.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The system's pixman, the reference for every blend, driven through a tiny C helper ({@code src/test/c/pixman_ref.c})
 * that this class compiles once per test run into {@code target/pixman-ref/} with {@code cc} and {@code pkg-config
 * pixman-1}. A test calls {@link #require()} first: without pixman's headers or library the test fails (a comparison
 * that did not run must not look like one that passed), with a message that says what to install.
 */
public final class Pixman {

    public static final int OP_SRC = 1;
    public static final int OP_OVER = 3;
    public static final int OP_ADD = 12;

    public static final int A8R8G8B8 = 0;
    public static final int X8R8G8B8 = 1;
    public static final int A8 = 2;

    private static final Path SOURCE = Path.of("src/test/c/pixman_ref.c");
    private static final Path BINARY = Path.of("target/pixman-ref/pixman_ref");
    private static String problem;
    private static boolean built;

    private Pixman() {
    }

    /** Fails the calling test, with the reason, when the helper cannot be built. */
    public static synchronized void require() {
        if (!built && problem == null) {
            problem = build();
            built = problem == null;
        }
        if (!built) {
            fail("pixman (the reference) is not usable here: " + problem + ". Install it with: apt-get install "
                    + "libpixman-1-dev pkg-config gcc (or run scripts/install-test-deps.sh as root)");
        }
    }

    private static String build() {
        try {
            List<String> flags = new ArrayList<>();
            Proc cflags = Proc.run(List.of("pkg-config", "--cflags", "--libs", "pixman-1"), new byte[0]);
            if (cflags.status != 0) {
                return "`pkg-config --cflags --libs pixman-1` failed (" + new String(cflags.err).trim() + ")";
            }
            for (String f : new String(cflags.out).trim().split("\\s+")) {
                if (!f.isEmpty()) {
                    flags.add(f);
                }
            }
            Files.createDirectories(BINARY.getParent());
            List<String> cmd = new ArrayList<>(List.of("cc", "-O2", "-o", BINARY.toString(), SOURCE.toString()));
            cmd.addAll(flags);
            Proc cc = Proc.run(cmd, new byte[0]);
            if (cc.status != 0) {
                return "cc failed: " + new String(cc.err).trim();
            }
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /** A batch of pixman commands; {@link #run()} executes them in one helper process. */
    public static Script script() {
        return new Script();
    }

    public static final class Script {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final List<Integer> reads = new ArrayList<>();

        private Script word(int v) {
            bytes.write(v);
            bytes.write(v >>> 8);
            bytes.write(v >>> 16);
            bytes.write(v >>> 24);
            return this;
        }

        public Script image(int id, int format, int w, int h, int[] pixels) {
            word(1).word(id).word(format).word(w).word(h);
            for (int i = 0; i < w * h; i++) {
                word(pixels[i]);
            }
            return this;
        }

        public Script view(int id, int base, int format) {
            return word(6).word(id).word(base).word(format);
        }

        public Script solid(int id, int argb) {
            return word(2).word(id).word(argb);
        }

        /** A 16.16 fixed-point 3×3 transform, row-major, with the nearest filter. */
        public Script transform(int id, int[] matrix) {
            word(3).word(id);
            for (int m : matrix) {
                word(m);
            }
            return this;
        }

        public Script filter(int id, boolean bilinear) {
            return word(7).word(id).word(bilinear ? 1 : 0);
        }

        public Script repeat(int id, int repeat) {
            return word(8).word(id).word(repeat);
        }

        /** pixman_image_composite32; mask -1 for none. */
        public Script composite(int op, int src, int mask, int dst, int sx, int sy, int mx, int my, int dx, int dy,
                                int w, int h) {
            return word(4).word(op).word(src).word(mask).word(dst).word(sx).word(sy).word(mx).word(my).word(dx)
                    .word(dy).word(w).word(h);
        }

        /** Reads an image of {@code pixelCount} pixels back; results come in {@link #run()}'s list, in order. */
        public Script read(int id, int pixelCount) {
            reads.add(pixelCount);
            return word(5).word(id);
        }

        public List<int[]> run() {
            word(0);
            try {
                Proc p = Proc.run(List.of(BINARY.toString()), bytes.toByteArray());
                if (p.status != 0) {
                    throw new IllegalStateException("pixman_ref failed: " + new String(p.err));
                }
                ByteBuffer b = ByteBuffer.wrap(p.out).order(ByteOrder.LITTLE_ENDIAN);
                List<int[]> out = new ArrayList<>();
                for (int n : reads) {
                    int[] px = new int[n];
                    b.asIntBuffer().get(px);
                    b.position(b.position() + 4 * n);
                    out.add(px);
                }
                return out;
            } catch (IOException e) {
                throw new IllegalStateException("cannot run pixman_ref", e);
            }
        }
    }

    private record Proc(int status, byte[] out, byte[] err) {
        static Proc run(List<String> cmd, byte[] input) throws IOException {
            Process p;
            try {
                p = new ProcessBuilder(cmd).start();
            } catch (IOException e) {
                return new Proc(127, new byte[0], (cmd.get(0) + " not found: " + e.getMessage()).getBytes());
            }
            byte[][] err = new byte[1][];
            Thread errReader = Thread.ofVirtual().start(() -> err[0] = readAll(p.getErrorStream()));
            byte[][] out = new byte[1][];
            Thread outReader = Thread.ofVirtual().start(() -> out[0] = readAll(p.getInputStream()));
            try (OutputStream in = p.getOutputStream()) {
                in.write(input);
            }
            try {
                // the process first, bounded: joining the readers first waited without bound on a process that hung
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(cmd.get(0) + " did not finish in 60 s");
                }
                if (!outReader.join(java.time.Duration.ofSeconds(60))
                        || !errReader.join(java.time.Duration.ofSeconds(60))) {
                    throw new IOException(cmd.get(0) + " exited but its output did not end in 60 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            return new Proc(p.exitValue(), out[0], err[0]);
        }

        private static byte[] readAll(InputStream s) {
            try {
                return s.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        }
    }
}
