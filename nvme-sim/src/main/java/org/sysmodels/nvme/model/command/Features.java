package org.sysmodels.nvme.model.command;

import static org.sysmodels.nvme.model.register.Bits.field;
import static org.sysmodels.nvme.model.register.Bits.place;

import java.util.Arrays;

/**
 * The Set/Get Features state this controller keeps (NVMe 1.4 §5.21.1), each with its Command Dword 11 layout:
 *
 * <ul>
 *   <li>01h Arbitration: AB [2:0], LPW [15:8], MPW [23:16], HPW [31:24];
 *   <li>02h Power Management: PS [4:0], WH [7:5] (one power state, NPSS = 0);
 *   <li>04h Temperature Threshold: TMPTH [15:0] in kelvins, TMPSEL [19:16] (0 = Composite Temperature, the only
 *       sensor here), THSEL [21:20] (00b over, 01b under); the over threshold defaults to WCTEMP, the under one
 *       to 0;
 *   <li>05h Error Recovery (per namespace): TLER [15:0] in 100 ms, DULBE [16] (not supported here);
 *   <li>07h Number of Queues: NSQR [15:0], NCQR [31:16], both 0's based; Dword 0 of the completion returns
 *       NSQA/NCQA the same way;
 *   <li>08h Interrupt Coalescing: THR [7:0], TIME [15:8];
 *   <li>09h Interrupt Vector Configuration (per vector): IV [15:0], CD [16] (kept by
 *       {@link org.sysmodels.nvme.model.interrupt.Interrupts});
 *   <li>0Ah Write Atomicity Normal: DN [0];
 *   <li>0Bh Asynchronous Event Configuration: the SMART / Health Critical Warnings [7:0] that raise an event (no
 *       notices: Identify OAES is 0).
 * </ul>
 * None is saveable; all go back to their defaults on a controller reset.
 */
final class Features {

    static final int ARBITRATION = 0x01;
    static final int POWER_MANAGEMENT = 0x02;
    static final int TEMPERATURE_THRESHOLD = 0x04;
    static final int ERROR_RECOVERY = 0x05;
    static final int NUMBER_OF_QUEUES = 0x07;
    static final int INTERRUPT_COALESCING = 0x08;
    static final int INTERRUPT_VECTOR_CONFIGURATION = 0x09;
    static final int WRITE_ATOMICITY_NORMAL = 0x0A;
    static final int ASYNC_EVENT_CONFIGURATION = 0x0B;

    static final int ARBITRATION_DEFAULT = place(7, 2, 0);
    /** The Critical Warning bits an Asynchronous Event Configuration can enable (bits 0–5 are defined in 1.4). */
    static final int SMART_WARNINGS = 0x3f;

    private final int defaultOverTemperature;
    int arbitration = ARBITRATION_DEFAULT;
    int coalescing;
    /** Allocated I/O queues, 0's based; -1 until Set Features Number of Queues. */
    int nsqa = -1;
    int ncqa = -1;
    int powerManagement;
    int overTemperature;
    int underTemperature;
    /** Per NSID: Error Recovery's TLER (index 0 unused). */
    final int[] timeLimitedErrorRecovery;
    int writeAtomicityNormal;
    int asyncEventConfiguration;

    Features(int namespaces, int wctemp) {
        this.defaultOverTemperature = wctemp;
        this.timeLimitedErrorRecovery = new int[namespaces + 1];
        this.overTemperature = wctemp;
    }

    /** Whether Get Features with SEL = 11b reports bit 1, namespace specific. */
    static boolean namespaceSpecific(int fid) {
        return fid == ERROR_RECOVERY;
    }

    /** Whether this controller implements {@code fid}. */
    static boolean supported(int fid) {
        return switch (fid) {
            case ARBITRATION, POWER_MANAGEMENT, TEMPERATURE_THRESHOLD, ERROR_RECOVERY, NUMBER_OF_QUEUES,
                 INTERRUPT_COALESCING, INTERRUPT_VECTOR_CONFIGURATION, WRITE_ATOMICITY_NORMAL,
                 ASYNC_EVENT_CONFIGURATION -> true;
            default -> false;
        };
    }

    int ab() {
        return field(arbitration, 2, 0);
    }

    int lpw() {
        return field(arbitration, 15, 8);
    }

    int mpw() {
        return field(arbitration, 23, 16);
    }

    int hpw() {
        return field(arbitration, 31, 24);
    }

    int threshold() {
        return field(coalescing, 7, 0);
    }

    int time() {
        return field(coalescing, 15, 8);
    }

    boolean queuesAllocated() {
        return nsqa >= 0;
    }

    /**
     * SMART / Health Critical Warning bit 1: a temperature is greater than or equal to its over temperature threshold,
     * or less than or equal to its under temperature threshold (§5.14.1.2).
     */
    boolean temperatureWarning(int kelvins) {
        return kelvins >= overTemperature || kelvins <= underTemperature;
    }

    void reset() {
        arbitration = ARBITRATION_DEFAULT;
        coalescing = 0;
        nsqa = -1;
        ncqa = -1;
        powerManagement = 0;
        overTemperature = defaultOverTemperature;
        underTemperature = 0;
        Arrays.fill(timeLimitedErrorRecovery, 0);
        writeAtomicityNormal = 0;
        asyncEventConfiguration = 0;
    }
}
