package org.sysmodels.nvme.model.command;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.sysmodels.nvme.model.media.Namespace;
import org.sysmodels.nvme.model.register.ControllerConfig;

/**
 * The 4096-byte Identify data structures (NVMe 1.4 §5.15.2): Identify Namespace (CNS 00h), Identify Controller
 * (CNS 01h), the Active Namespace ID list (CNS 02h) and the Namespace Identification Descriptor list (CNS 03h, one
 * NGUID descriptor per namespace, the same NGUID as in Identify Namespace), at the byte offsets of the spec's figures.
 * Also the offsets a driver needs to read them back.
 */
public final class IdentifyData {

    public static final int BYTES = 4096;

    // Identify Controller offsets.
    public static final int VID = 0;
    public static final int SN = 4;
    public static final int MN = 24;
    public static final int FR = 64;
    public static final int MDTS = 77;
    public static final int CNTLID = 78;
    public static final int VER = 80;
    public static final int OAES = 92;
    public static final int CNTRLTYPE = 111;
    public static final int OACS = 256;
    public static final int ACL = 258;
    public static final int AERL = 259;
    public static final int FRMW = 260;
    public static final int LPA = 261;
    public static final int ELPE = 262;
    public static final int NPSS = 263;
    public static final int WCTEMP = 266;
    public static final int CCTEMP = 268;
    public static final int SQES = 512;
    public static final int CQES = 513;
    public static final int NN = 516;
    public static final int ONCS = 520;
    public static final int VWC = 525;
    public static final int SUBNQN = 768;
    public static final int PSD0 = 2048;

    // Identify Namespace offsets.
    public static final int NSZE = 0;
    public static final int NCAP = 8;
    public static final int NUSE = 16;
    public static final int NLBAF = 25;
    public static final int FLBAS = 26;
    public static final int DLFEAT = 33;
    public static final int NGUID = 104;
    public static final int LBAF0 = 128;

    // Namespace Identification Descriptor: NIDT, NIDL, two reserved bytes, then NIDL bytes of identifier.
    public static final int NIDT_NGUID = 0x02;
    public static final int NIDL_NGUID = 16;

    /** Identify FR, and FRS1 of the Firmware Slot Information log page. */
    public static final String FIRMWARE_REVISION = "1.0";
    /** SQES: the required and the maximum SQ entry size are both 2^6 = 64 bytes. */
    public static final int SQ_ENTRY_SIZE = 6;
    /** CQES: the required and the maximum CQ entry size are both 2^4 = 16 bytes. */
    public static final int CQ_ENTRY_SIZE = 4;
    /** CNTRLTYPE 1h: an I/O controller. */
    public static final int IO_CONTROLLER = 1;
    /** FRMW: slot 1 read-only (bit 0), one firmware slot (bits 3:1). */
    public static final int FRMW_VALUE = 0b0000_0011;
    /** NPSS: 0's based, one power state (PS0). */
    public static final int NPSS_VALUE = 0;
    /** WCTEMP: Warning Composite Temperature Threshold, 343 K (70 °C); the over temperature threshold's default. */
    public static final int WCTEMP_KELVINS = 343;
    /** CCTEMP: Critical Composite Temperature Threshold, 358 K (85 °C). */
    public static final int CCTEMP_KELVINS = 358;
    /** PS0's Maximum Power in centiwatts: 25 W. */
    public static final int PS0_MAX_POWER = 2500;

    /** The version reported in VS and Identify VER: 1.4.0. */
    public static final int VERSION = 0x0001_0400;

    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private IdentifyData() {
    }

    static void controller(byte[] out, ControllerConfig config, int namespaces) {
        Arrays.fill(out, 0, BYTES, (byte) 0);
        I16.set(out, VID, (short) 0x5359);
        I16.set(out, 2, (short) 0x5359);
        ascii(out, SN, 20, "SYSMODELS0001");
        ascii(out, MN, 40, "sysmodels nvme-sim controller");
        ascii(out, FR, 8, FIRMWARE_REVISION);
        out[72] = 6;
        out[MDTS] = (byte) config.mdts();
        I16.set(out, CNTLID, (short) 1);
        I32.set(out, VER, VERSION);
        out[ACL] = (byte) config.abortLimit();
        out[AERL] = (byte) config.aerLimit();
        out[CNTRLTYPE] = IO_CONTROLLER;
        out[FRMW] = FRMW_VALUE;
        out[LPA] = 0b100;
        out[ELPE] = (byte) (config.errorLogEntries() - 1);
        out[NPSS] = NPSS_VALUE;
        I16.set(out, WCTEMP, (short) WCTEMP_KELVINS);
        I16.set(out, CCTEMP, (short) CCTEMP_KELVINS);
        out[SQES] = (byte) (SQ_ENTRY_SIZE << 4 | SQ_ENTRY_SIZE);
        out[CQES] = (byte) (CQ_ENTRY_SIZE << 4 | CQ_ENTRY_SIZE);
        I32.set(out, NN, namespaces);
        I16.set(out, ONCS, (short) 0b1100);
        ascii(out, SUBNQN, 256, "nqn.2026-01.org.sysmodels:nvme-sim");
        I16.set(out, PSD0, (short) PS0_MAX_POWER);
    }

    static void namespace(byte[] out, Namespace ns) {
        Arrays.fill(out, 0, BYTES, (byte) 0);
        if (ns == null) {
            return;
        }
        I64.set(out, NSZE, ns.blocks());
        I64.set(out, NCAP, ns.blocks());
        I64.set(out, NUSE, ns.blocks());
        out[NLBAF] = 0;
        out[FLBAS] = 0;
        out[DLFEAT] = 0b001;
        nguid(out, NGUID, ns.nsid());
        out[LBAF0 + 2] = (byte) ns.lbads();
    }

    /** CNS 03h: the Namespace Identification Descriptor list of an active namespace, one NGUID descriptor. */
    static void namespaceDescriptors(byte[] out, Namespace ns) {
        Arrays.fill(out, 0, BYTES, (byte) 0);
        out[0] = NIDT_NGUID;
        out[1] = NIDL_NGUID;
        nguid(out, 4, ns.nsid());
    }

    /** A namespace's NGUID: "SYSMODEL" in ASCII, four zero bytes, the NSID big-endian. */
    private static void nguid(byte[] out, int at, int nsid) {
        byte[] prefix = "SYSMODEL".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, out, at, prefix.length);
        for (int i = 0; i < 4; i++) {
            out[at + 15 - i] = (byte) (nsid >>> (8 * i));
        }
    }

    /** Up to 1024 active NSIDs greater than {@code after}, increasing, zero-terminated. */
    static void activeNamespaces(byte[] out, Namespace[] byNsid, long after) {
        Arrays.fill(out, 0, BYTES, (byte) 0);
        int k = 0;
        for (int id = 1; id < byNsid.length && k < 1024; id++) {
            if (byNsid[id] != null && id > after) {
                I32.set(out, 4 * k++, id);
            }
        }
    }

    private static void ascii(byte[] out, int at, int len, String s) {
        Arrays.fill(out, at, at + len, (byte) ' ');
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, out, at, Math.min(len, b.length));
    }

    /** Reads a little-endian field of a structure the host got back (for drivers and tests). */
    public static long le(byte[] data, int at, int bytes) {
        long v = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            v = (v << 8) | (data[at + i] & 0xff);
        }
        return v;
    }
}
