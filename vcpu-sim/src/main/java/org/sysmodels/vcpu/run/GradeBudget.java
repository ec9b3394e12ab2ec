package org.sysmodels.vcpu.run;

import java.util.Locale;
import org.sysmodels.core.time.SimTime;

/**
 * How far one case of {@code sim vcpu --grade} runs the guest before it counts as not finishing: a span of virtual
 * time on the simulated host, and a number of retired guest instructions on real threads (one instruction is 1 ns of
 * virtual time, so the two are the same budget). Both are counted in the simulation, never on the wall clock, so a
 * guest's verdict does not depend on the machine that grades it; a guest that never ends fails its case after about
 * a second of host time instead of minutes. The packaged guests finish in a few milliseconds of virtual time.
 *
 * @param virtualNs    virtual time a deterministic case may run
 * @param instructions guest instructions a case on real threads may retire (all harts together)
 * @param wallNs       a real-threads case's backstop for a guest that sleeps in wfi for ever (retires nothing)
 */
public record GradeBudget(long virtualNs, long instructions, long wallNs) {

    public static final GradeBudget DEFAULT = new GradeBudget(1_000_000_000L, 1_000_000_000L, 30_000_000_000L);

    /** "1.000 s of virtual time (1,000,000,000 guest instructions on real threads)". */
    public String describe() {
        return String.format(Locale.ROOT, "%s of virtual time (%,d guest instructions on real threads)",
                SimTime.format(virtualNs), instructions);
    }
}
