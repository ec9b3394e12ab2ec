package org.sysmodels.sensor.model.core;

/**
 * The special-purpose mask registers PRIMASK and BASEPRI (ARMv7-M ARM B1.4.3) and how they boost the execution
 * priority (B1.5.4, pseudo-code {@code ExecutionPriority()}): PRIMASK raises it to 0; a non-zero BASEPRI raises it to
 * BASEPRI's group priority. BASEPRI keeps only the priority bits the NVIC implements.
 */
final class PriorityMasks {

    private final Nvic nvic;
    private boolean primask;
    private int basepri;

    PriorityMasks(Nvic nvic) {
        this.nvic = nvic;
    }

    boolean primask() {
        return primask;
    }

    /** CPSID i / CPSIE i. */
    void setPrimask(boolean on) {
        primask = on;
    }

    int basepri() {
        return basepri;
    }

    /** MSR BASEPRI with an 8-bit value. */
    void setBasepri(int raw) {
        if (raw < 0 || raw > 0xFF) {
            throw new IllegalArgumentException("BASEPRI is an 8-bit register: " + raw);
        }
        basepri = nvic.implemented(raw);
    }

    /** Both registers back to their reset value, 0. */
    void reset() {
        primask = false;
        basepri = 0;
    }

    /** The execution priority when the active exceptions run at {@code active}. */
    int executionPriority(int active) {
        if (primask) {
            return Math.min(active, 0);
        }
        return ignoringPrimask(active);
    }

    /** The same without PRIMASK: what decides whether WFI wakes (B1.5.19). */
    int ignoringPrimask(int active) {
        if (basepri != 0) {
            return Math.min(active, nvic.group(basepri));
        }
        return active;
    }
}
