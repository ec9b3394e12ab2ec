package org.sysmodels.irp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.testing.Props;
import org.sysmodels.irp.check.Verifier;
import org.sysmodels.irp.host.scripted.Behavior;
import org.sysmodels.irp.host.scripted.RoutineBehavior;
import org.sysmodels.irp.host.scripted.ScriptedStack;
import org.sysmodels.irp.model.io.IoObserver;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.Kernel;
import org.sysmodels.irp.model.ke.Costs;

/**
 * Model-based test of completion: random stacks (1 to 8 drivers) of random behaviours (skip, forward with a completion
 * routine that continues or returns STATUS_MORE_PROCESSING_REQUIRED and completes again later, complete at once, pend
 * and complete later from a DPC on another processor, cancelable or not), one read through the real I/O manager with
 * a CancelIoEx at a random time, against a reference that knows nothing of stack locations: which level completes,
 * which routines run in which order, what status comes back. QuickTheories shrinks a failure to the smallest stack.
 */
class CompletionModelTest {

    /** One generated case: the behaviours top first, the cancel time (or -1), the processor count. */
    record Case(List<Behavior> topDown, long cancelAt, int processors) {
    }

    /** What the reference says must happen. */
    record Expected(int returned, int finalStatus, List<String> log) {
    }

    static final int[] STATUSES = {NtStatus.STATUS_SUCCESS, NtStatus.STATUS_INVALID_PARAMETER,
        NtStatus.STATUS_END_OF_FILE, NtStatus.STATUS_BUFFER_OVERFLOW};

    static Gen<Integer> status() {
        return integers().between(0, STATUSES.length - 1).map(i -> STATUSES[i]);
    }

    static Gen<Integer> maybeStatus() {
        return integers().between(0, STATUSES.length).map(i -> i == STATUSES.length ? null : STATUSES[i]);
    }

    /** Even microseconds, so a cancel (odd) never ties with a completion. */
    static Gen<Long> after() {
        return integers().between(1, 20).map(k -> 2_000L * k);
    }

    static Gen<Behavior> behaviours() {
        Gen<Behavior> skip = integers().between(0, 1).map(x -> x == 0 ? (Behavior) new Behavior.Skip()
                : new Behavior.Copy());
        Gen<Behavior> cont = maybeStatus().map(s -> (Behavior) new Behavior.Forward(new RoutineBehavior.Continue(s)));
        Gen<Behavior> more = after().zip(maybeStatus(), (a, s) -> (Behavior) new Behavior.Forward(
                new RoutineBehavior.MoreProcessing(a, s)));
        Gen<Behavior> complete = status().map(s -> (Behavior) new Behavior.Complete(s));
        Gen<Behavior> pend = after().zip(status(), integers().between(0, 1),
                (a, s, c) -> (Behavior) new Behavior.Pend(a, s, c == 1));
        return integers().between(0, 10).flatMap(k -> k < 3 ? skip : k < 5 ? cont : k < 6 ? more : k < 8 ? complete
                : pend);
    }

    static Gen<Case> cases() {
        Gen<Long> cancel = integers().between(-5, 25).map(k -> k < 0 ? -1L : 2_000L * k + 1_000);
        return lists().of(behaviours()).ofSizeBetween(1, 8).zip(cancel, integers().between(1, 4), Case::new);
    }

    @Test
    void completionAgreesWithTheReference() {
        Props.property(400).forAll(cases()).checkAssert(CompletionModelTest::check);
    }

    static Expected reference(Case c) {
        List<Behavior> levels = c.topDown();
        int n = levels.size();
        int completing = n;
        for (int i = 0; i < n; i++) {
            if (levels.get(i) instanceof Behavior.Complete || levels.get(i) instanceof Behavior.Pend) {
                completing = i;
                break;
            }
        }
        int base;
        boolean pended = false;
        if (completing == n) {
            base = NtStatus.STATUS_INVALID_DEVICE_REQUEST;
        } else if (levels.get(completing) instanceof Behavior.Complete k) {
            base = k.status();
        } else {
            Behavior.Pend p = (Behavior.Pend) levels.get(completing);
            pended = true;
            boolean cancelWins = p.cancelable() && c.cancelAt() >= 0 && c.cancelAt() < p.afterNs();
            base = cancelWins ? NtStatus.STATUS_CANCELLED : p.status();
        }
        int returned = base;
        if (!pended && completing < n && levels.get(completing) instanceof Behavior.Complete k) {
            returned = k.status();
        }
        List<String> log = new ArrayList<>();
        for (int i = completing - 1; i >= 0; i--) {
            int level = n - i;
            if (levels.get(i) instanceof Behavior.Forward f) {
                log.add("level " + level + " routine");
                switch (f.routine()) {
                    case RoutineBehavior.Continue k -> {
                        if (k.newStatus() != null) {
                            base = k.newStatus();
                        }
                    }
                    case RoutineBehavior.ContinueWithoutMark k -> throw new AssertionError("not generated: " + k);
                    case RoutineBehavior.MoreProcessing m -> {
                        pended = true;
                        if (m.newStatus() != null) {
                            base = m.newStatus();
                        }
                        log.add("level " + level + " completes again");
                    }
                }
            }
        }
        return new Expected(pended ? NtStatus.STATUS_PENDING : returned, base, log);
    }

    static void check(Case c) {
        Expected want = reference(c);
        Scheduler s = new Scheduler();
        Kernel k = new Kernel(s, c.processors(), Costs.zero());
        Findings findings = new Findings();
        Verifier verifier = new Verifier(k, findings);
        int[] completions = {0};
        k.setObserver(new Counting(verifier, completions));
        List<String> log = new ArrayList<>();
        ScriptedStack stack = new ScriptedStack(k, c.topDown(), log::add);
        ScriptedStack.Read r = stack.read(c.cancelAt());
        SystemHalt halt = null;
        try {
            s.run();
        } catch (SystemHalt h) {
            halt = h;
        }
        verifier.finish(s.now());
        assertNull(halt, () -> "stopped: " + findings.list());
        assertTrue(findings.isEmpty(), () -> "the verifier found: " + findings.list());
        assertEquals(NtStatus.name(want.returned()), NtStatus.name(r.returned), "IoCallDriver's return");
        assertTrue(r.finished(), "the request finished");
        assertEquals(NtStatus.name(want.finalStatus()), NtStatus.name(r.iosb.Status), "the caller's final status");
        assertEquals(want.log(), log, "completion routines, in order");
        assertEquals(1, completions[0], "the walk reached the top exactly once");
        checkUnobserved(c, want);
    }

    /**
     * The same case on a machine nobody observes (no verifier, no trace: the path the benchmarks measure, which skips
     * the observer's bookkeeping): the same return, final status and completion routines in the same order.
     */
    static void checkUnobserved(Case c, Expected want) {
        Scheduler s = new Scheduler();
        Kernel k = new Kernel(s, c.processors(), Costs.zero());
        List<String> log = new ArrayList<>();
        ScriptedStack stack = new ScriptedStack(k, c.topDown(), log::add);
        ScriptedStack.Read r = stack.read(c.cancelAt());
        s.run();
        assertNull(k.halted(), "unobserved: the machine stopped");
        assertEquals(NtStatus.name(want.returned()), NtStatus.name(r.returned), "unobserved: IoCallDriver's return");
        assertTrue(r.finished(), "unobserved: the request finished");
        assertEquals(NtStatus.name(want.finalStatus()), NtStatus.name(r.iosb.Status),
                "unobserved: the caller's final status");
        assertEquals(want.log(), log, "unobserved: completion routines, in order");
    }

    /** The verifier, plus a count of walks that reached the top. */
    private record Counting(Verifier v, int[] completions) implements IoObserver {
        @Override
        public void onCallDriver(org.sysmodels.irp.model.io.RoutineFrame caller,
                                 org.sysmodels.irp.model.io.DeviceObject target, Irp irp) {
            v.onCallDriver(caller, target, irp);
        }

        @Override
        public void onRoutineExit(org.sysmodels.irp.model.io.RoutineFrame frame, int status) {
            v.onRoutineExit(frame, status);
        }

        @Override
        public void onCompleteRequest(org.sysmodels.irp.model.io.RoutineFrame caller, Irp irp) {
            v.onCompleteRequest(caller, irp);
        }

        @Override
        public void onSetCompletionRoutine(org.sysmodels.irp.model.io.RoutineFrame caller, Irp irp) {
            v.onSetCompletionRoutine(caller, irp);
        }

        @Override
        public void onBugCheck(SystemHalt halt) {
            v.onBugCheck(halt);
        }

        @Override
        public void onIrpCompleted(Irp irp) {
            if (irp.FileObject() != null) {
                completions[0]++;
            }
        }
    }
}
