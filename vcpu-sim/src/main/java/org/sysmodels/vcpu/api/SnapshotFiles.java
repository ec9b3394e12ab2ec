package org.sysmodels.vcpu.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import java.util.zip.CRC32C;
import org.sysmodels.vcpu.model.memory.GuestMemory;
import org.sysmodels.vcpu.model.vmm.MemoryImage;
import org.sysmodels.vcpu.model.vmm.MicrovmState;
import org.sysmodels.vcpu.model.vmm.Vmm;

/**
 * A snapshot on disk, as Firecracker lays it out: the microVM state in {@code snapshot_path}, guest memory in
 * {@code mem_file_path}. The memory file is the size of guest memory ({@code set_len}); a Full snapshot writes every
 * page, a Diff only the dirty ones, and a Diff into an existing memory file of the right size merges into it, as
 * Firecracker's {@code snapshot_memory_to_file} does. Pages that are all zero are left as holes.
 *
 * <p>The state file is JSON here (Firecracker writes a versioned binary with a CRC64): a format tag, a version, the
 * state, and a CRC-32C of the state's text, checked on load.
 */
public final class SnapshotFiles {

    public static final String FORMAT = "sysmodels vcpu-sim microVM state";
    public static final int VERSION = 1;
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private SnapshotFiles() {
    }

    /** Writes the snapshot's two files. @throws IOException with the OS's reason */
    public static void write(Vmm.Snapshot s, Path statePath, Path memPath) throws IOException {
        writeState(s, statePath);
        writeMemory(s.memory(), memPath);
    }

    /** Writes the state file (Firecracker's snapshot file). @throws IOException with the OS's reason */
    static void writeState(Vmm.Snapshot s, Path statePath) throws IOException {
        String state = MAPPER.writeValueAsString(s.state());
        CRC32C crc = new CRC32C();
        crc.update(state.getBytes(StandardCharsets.UTF_8));
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("crc32c", crc.getValue());
        root.set("state", MAPPER.readTree(state));
        Files.writeString(statePath, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    static void writeMemory(MemoryImage m, Path path) throws IOException {
        boolean existed = Files.exists(path);
        try (FileChannel f = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (existed && f.size() != m.sizeBytes()) {
                f.truncate(0);
                existed = false;
            }
            if (f.size() < m.sizeBytes()) {
                f.write(ByteBuffer.wrap(new byte[1]), m.sizeBytes() - 1); // set_len
            }
            byte[] zero = new byte[GuestMemory.PAGE_SIZE];
            for (int i = m.present().nextSetBit(0); i >= 0; i = m.present().nextSetBit(i + 1)) {
                byte[] p = m.pages()[i];
                if (p == null && !existed) {
                    continue; // a hole reads as zeros
                }
                ByteBuffer b = ByteBuffer.wrap(p == null ? zero : p);
                long at = (long) i << GuestMemory.PAGE_SHIFT;
                while (b.hasRemaining()) {
                    at += f.write(b, at);
                }
            }
            f.force(true);
        }
    }

    /** Reads a snapshot back. @throws IOException for unreadable files, or a state file that is not one */
    public static Vmm.Snapshot read(Path statePath, Path memPath) throws IOException {
        return readMemory(readState(statePath), memPath);
    }

    /** Reads the state file. @throws IOException when it cannot be read or is not a state file */
    static MicrovmState readState(Path statePath) throws IOException {
        String text = Files.readString(statePath);
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            root = null;   // not JSON at all: the same answer as JSON of another kind
        }
        if (root == null || !FORMAT.equals(root.path("format").asText()) || root.path("version").asInt() != VERSION) {
            throw new IOException(statePath + " is not a " + FORMAT + " file of version " + VERSION);
        }
        String state = MAPPER.writeValueAsString(root.get("state"));
        CRC32C crc = new CRC32C();
        crc.update(state.getBytes(StandardCharsets.UTF_8));
        if (crc.getValue() != root.path("crc32c").asLong()) {
            throw new IOException(statePath + ": CRC mismatch (the file is damaged)");
        }
        return MAPPER.readValue(state, MicrovmState.class);
    }

    /** Reads the memory file the state {@code ms} describes. @throws IOException when it cannot be read */
    static Vmm.Snapshot readMemory(MicrovmState ms, Path memPath) throws IOException {
        long size = ms.vmInfo().memSizeMib() << 20;
        int n = (int) (size >>> GuestMemory.PAGE_SHIFT);
        BitSet present = new BitSet(n);
        byte[][] pages = new byte[n][];
        try (FileChannel f = FileChannel.open(memPath, StandardOpenOption.READ)) {
            if (f.size() != size) {
                throw new IOException(memPath + " holds " + f.size() + " bytes; the state says " + size);
            }
            for (int i = 0; i < n; i++) {
                byte[] p = new byte[GuestMemory.PAGE_SIZE];
                ByteBuffer b = ByteBuffer.wrap(p);
                long at = (long) i << GuestMemory.PAGE_SHIFT;
                while (b.hasRemaining()) {
                    int r = f.read(b, at);
                    if (r < 0) {
                        break;
                    }
                    at += r;
                }
                present.set(i);
                if (!zero(p)) {
                    pages[i] = p;
                }
            }
        }
        return new Vmm.Snapshot(ms, new MemoryImage(size, true, present, pages));
    }

    private static boolean zero(byte[] p) {
        for (byte b : p) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
