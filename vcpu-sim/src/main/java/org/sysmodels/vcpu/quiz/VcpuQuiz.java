package org.sysmodels.vcpu.quiz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.system.QuizQuestion;
import org.sysmodels.vcpu.check.VcpuStateTable;
import org.sysmodels.vcpu.model.devices.ratelimit.TokenBucket;
import org.sysmodels.vcpu.model.vcpu.FcExitCode;
import org.sysmodels.vcpu.model.vcpu.VcpuEvent;
import org.sysmodels.vcpu.model.vcpu.VcpuState;

/**
 * OSTEP-style questions about the vCPU and the VMM, generated from a seed: the state machine's answers to a sequence
 * of events, how many exits a guest loop causes, which exit code the VMM ends with, what a rate limiter lets through,
 * how big a diff snapshot is. {@code --solve} prints the worked answers.
 */
public final class VcpuQuiz {

    private VcpuQuiz() {
    }

    public static List<QuizQuestion> generate(long seed) {
        RandomStream r = new RandomStreams(seed).stream("vcpu/quiz");
        List<QuizQuestion> out = new ArrayList<>();
        out.add(events(r));
        out.add(exits(r));
        out.add(exitCode(r));
        out.add(rateLimiter(r));
        out.add(diffSnapshot(r));
        return out;
    }

    /** A sequence of events (and possibly the guest shutting down) sent to a vCPU thread that starts Paused. */
    static QuizQuestion events(RandomStream r) {
        VcpuEvent[] pool = {VcpuEvent.RESUME, VcpuEvent.PAUSE, VcpuEvent.SAVE_STATE, VcpuEvent.DUMP_CPU_CONFIG};
        int n = 5 + r.nextInt(3);
        int stopAt = r.chance(0.5) ? 1 + r.nextInt(n - 1) : -1;
        StringBuilder q = new StringBuilder("A Firecracker vCPU thread starts in its initial state. The VMM sends, "
                + "one at a time and waiting for each answer: ");
        StringBuilder a = new StringBuilder();
        VcpuState s = VcpuState.PAUSED;
        a.append("It starts Paused (vcpu.rs run(): VcpuRunState::Paused). ");
        for (int i = 0; i < n; i++) {
            if (i == stopAt) {
                q.append("[the guest asks for a shutdown while running, if it is running], ");
                if (s instanceof VcpuState.Running) {
                    s = new VcpuState.Exited(FcExitCode.OK);
                    a.append("The guest's SBI system reset is a KVM_EXIT_SYSTEM_EVENT (SHUTDOWN): run_emulation "
                            + "returns Stopped, exit(Ok) writes the exit eventfd and sends Exited(Ok). ");
                } else {
                    a.append("The vCPU is not running, so the guest does nothing. ");
                }
            }
            VcpuEvent e = pool[r.nextInt(pool.length)];
            q.append(VcpuEvent.describe(e)).append(i < n - 1 ? ", " : ". ");
            VcpuStateTableAnswer x = answer(e, s);
            a.append(x.text());
            s = x.next();
        }
        q.append("What does it answer to each event, and in which state is it at the end?");
        a.append("Final state: ").append(VcpuState.describe(s)).append('.');
        return new QuizQuestion(q.toString(), a.toString());
    }

    private record VcpuStateTableAnswer(String text, VcpuState next) {
    }

    private static VcpuStateTableAnswer answer(VcpuEvent e, VcpuState s) {
        var x = VcpuStateTable.expect(e, s);
        String resp = x.response() == null ? "no answer" : x.response().replace("VcpuResponse::", "");
        return new VcpuStateTableAnswer(VcpuEvent.describe(e) + " in " + VcpuState.describe(s) + " → " + resp
                + ", now " + VcpuState.describe(x.next()) + ". ", x.next());
    }

    /** How many exits a loop of MMIO accesses and serial output causes. */
    static QuizQuestion exits(RandomStream r) {
        int k = 10 + 10 * r.nextInt(10);
        String word = new String[] {"hello", "microVM", "pause", "kick", "exit"}[r.nextInt(5)];
        String q = String.format(Locale.ROOT, "A guest runs: for (i = 0; i < %d; i++) mmio_write8(SERIAL_BASE + 7, i); "
                + "then puts(\"%s\\n\") with the runtime's uart_putc (wait until LSR says the transmitter is empty, "
                + "then write THR); then returns from main, which calls SBI system reset (shutdown). How many times "
                + "does KVM_RUN return to the VMM, and with which exit reasons?", k, word);
        int chars = word.length() + 1;
        String a = String.format(Locale.ROOT, "Each access to a device register outside RAM is a KVM_EXIT_MMIO (6): "
                + "%d scratch-register writes, then per character one LSR read and one THR write: 2 × %d = %d. "
                + "The reset is an SBI call KVM handles itself, ending in KVM_EXIT_SYSTEM_EVENT (24) type SHUTDOWN. "
                + "Total: %d MMIO + 1 SYSTEM_EVENT = %d returns to the VMM. (The interrupt controller and the SBI's "
                + "own calls are handled inside KVM: no exit to the VMM.)", k, chars, 2 * chars, k + 2 * chars,
                k + 2 * chars + 1);
        return new QuizQuestion(q, a);
    }

    /** Which exit code the VMM ends with. */
    static QuizQuestion exitCode(RandomStream r) {
        boolean illegal = r.chance(0.5);
        String q = "A microVM has two vCPUs. vCPU 1 " + (illegal ? "executes an instruction the machine does not "
                + "implement" : "asks for a reboot (SBI system reset, cold reboot)") + " while vCPU 0 keeps "
                + "running. What happens to each vCPU, and with which status does the Firecracker process exit?";
        String a = illegal
                ? "KVM_RUN returns KVM_EXIT_INTERNAL_ERROR (17) on vCPU 1 (on real hardware the trap goes to the "
                + "guest's handler; this bare-metal guest has none). handle_kvm_exit makes it "
                + "Err(FaultyKvmExit), running() calls exit(GenericError): exit eventfd written, Exited(GenericError)"
                + " sent. The VMM's event loop drains the responses: the first non-Ok status wins, so "
                + "Vmm::stop(GenericError); teardown sends Finish to both vCPUs and joins them. Exit status 1."
                : "KVM turns the reset into KVM_EXIT_SYSTEM_EVENT type RESET (2) on vCPU 1 and stops every vCPU "
                + "(KVM_MP_STATE_STOPPED). handle_kvm_exit gives Stopped, running() calls exit(Ok). The VMM finds "
                + "only Ok statuses: Vmm::stop(Ok); Firecracker does not reboot a guest (reboot=k), it ends. "
                + "Finish to both, join, exit status 0.";
        return new QuizQuestion(q, a);
    }

    /** What an ops token bucket lets through. */
    static QuizQuestion rateLimiter(RandomStream r) {
        long size = 2 + r.nextInt(8);
        long burst = r.nextInt(6);
        long refillMs = 100 * (1 + r.nextInt(5));
        int requests = 30;
        long[] at = simulate(size, burst, refillMs, requests);
        int immediate = 0;
        while (immediate < requests && at[immediate] == 0) {
            immediate++;
        }
        long byOneSecond = 0;
        for (long t : at) {
            if (t <= 1_000_000_000L) {
                byOneSecond++;
            }
        }
        String q = String.format(Locale.ROOT, "A drive has a rate limiter with an ops bucket of size %d, "
                + "one_time_burst %d, refill_time %d ms, and no bandwidth bucket. At t = 0 the guest queues %d "
                + "requests at once. How many complete at once, and how many by t = 1 s? (A request that finds no "
                + "token goes back to the ring; the limiter then waits for its 100 ms timer.)", size, burst,
                refillMs, requests);
        String a = String.format(Locale.ROOT, "The burst is spent first, then the budget, which starts full: %d + %d "
                + "= %d at once. Then the limiter is blocked; every 100 ms its timer fires and the bucket is refilled "
                + "with the tokens earned since its last update (%d per %d ms, whole tokens only, never above %d). "
                + "By t = 1 s: %d requests.", burst, size, immediate, size, refillMs, size, byOneSecond);
        return new QuizQuestion(q, a);
    }

    /** Completion times of {@code n} back-to-back requests through an ops bucket, as the device retries them. */
    public static long[] simulate(long size, long burst, long refillMs, int n) {
        TokenBucket b = new TokenBucket(size, burst, refillMs, 0);
        long[] at = new long[n];
        long now = 0;
        int done = 0;
        while (done < n && now < 60_000_000_000L) {
            TokenBucket.Reduction red = b.reduce(1, now);
            if (red instanceof TokenBucket.Reduction.Failure) {
                now += 100_000_000L; // REFILL_TIMER_DURATION
            } else {
                at[done++] = now;
            }
        }
        return at;
    }

    /** How many pages a diff snapshot writes. */
    static QuizQuestion diffSnapshot(RandomStream r) {
        int pages = 1 + r.nextInt(40);
        int mib = 128 * (1 + r.nextInt(4));
        String q = String.format(Locale.ROOT, "A %d MiB microVM with track_dirty_pages on is paused and snapshotted "
                + "(Full), resumed, and its guest then writes to %d distinct 4 KiB pages, some of them several times. "
                + "It is paused and snapshotted again (Diff). How many pages does the second memory file hold, and "
                + "how large is that file?", mib, pages);
        String a = String.format(Locale.ROOT, "KVM's dirty log has one bit per page, set on the first write and "
                + "cleared when read: %d pages. Firecracker sizes the file to all of guest memory (set_len %d MiB) "
                + "and writes only those pages, so it is a sparse %d MiB file with %d KiB of data (plus whatever "
                + "pages devices wrote). Restoring needs it laid over the Full one (merged in place, or with "
                + "rebase-snap).", pages, mib, mib, pages * 4);
        return new QuizQuestion(q, a);
    }
}
