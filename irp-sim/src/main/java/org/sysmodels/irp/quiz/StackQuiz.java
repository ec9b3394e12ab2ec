package org.sysmodels.irp.quiz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.core.system.QuizQuestion;
import org.sysmodels.irp.check.Verifier;
import org.sysmodels.irp.host.scripted.Behavior;
import org.sysmodels.irp.host.scripted.RoutineBehavior;
import org.sysmodels.irp.host.scripted.ScriptedStack;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.SystemHalt;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.IoObserver;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.Kernel;
import org.sysmodels.irp.model.io.RoutineFrame;
import org.sysmodels.irp.model.io.RoutineKind;
import org.sysmodels.irp.model.ke.Costs;

/**
 * OSTEP-style questions about a device stack, generated from a seed: three drivers, what each does with a read and
 * what its completion routine does; predict the order the completion routines run in, what IoCallDriver returns to
 * the I/O manager, the final status the caller sees, whether the IRP is pending at the top, and whether the verifier
 * stops the machine. {@code --solve} answers with the step-by-step walk of the real model, narrated as it runs.
 */
public final class StackQuiz {

    private static final int[] FINAL = {NtStatus.STATUS_SUCCESS, NtStatus.STATUS_END_OF_FILE,
        NtStatus.STATUS_INVALID_PARAMETER};

    private StackQuiz() {
    }

    public static List<QuizQuestion> generate(long seed) {
        RandomStream r = new RandomStreams(seed).stream("irp/quiz");
        List<QuizQuestion> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.add(question(stack(r, i == 2 && r.chance(0.7)), i + 1));
        }
        return out;
    }

    /** Three behaviours, top first; with {@code buggy}, one completion routine forgets to propagate pending. */
    static List<Behavior> stack(RandomStream r, boolean buggy) {
        int status = FINAL[r.nextInt(FINAL.length)];
        Behavior bottom = r.chance(0.5) ? new Behavior.Complete(status)
                : new Behavior.Pend(1_000L * (10 + r.nextInt(40)), status, false);
        Behavior middle = switch (r.nextInt(4)) {
            case 0 -> new Behavior.Skip();
            case 1 -> new Behavior.Copy();
            case 2 -> new Behavior.Forward(buggy && bottom instanceof Behavior.Pend
                    ? new RoutineBehavior.ContinueWithoutMark(null) : new RoutineBehavior.Continue(null));
            default -> new Behavior.Forward(new RoutineBehavior.Continue(NtStatus.STATUS_SUCCESS));
        };
        Behavior top = switch (r.nextInt(4)) {
            case 0 -> new Behavior.Skip();
            case 1 -> new Behavior.Forward(new RoutineBehavior.Continue(null));
            case 2 -> new Behavior.Forward(new RoutineBehavior.MoreProcessing(1_000L * (5 + r.nextInt(20)),
                    NtStatus.STATUS_SUCCESS));
            default -> new Behavior.Forward(buggy ? new RoutineBehavior.ContinueWithoutMark(null)
                    : new RoutineBehavior.Continue(NtStatus.STATUS_END_OF_FILE));
        };
        return List.of(top, middle, bottom);
    }

    static QuizQuestion question(List<Behavior> topDown, int number) {
        StringBuilder q = new StringBuilder();
        q.append(String.format(Locale.ROOT, "Stack %d. A read goes to the top of this stack (the bus driver's PDO has "
                + "stack location 1 and completes nothing here; level n has location n + 1; a driver may have a "
                + "bug).", number));
        for (int i = 0; i < topDown.size(); i++) {
            int level = topDown.size() - i;
            q.append(String.format(Locale.ROOT, " Level %d%s %s.", level, i == 0 ? " (top)" : level == 1
                    ? " (function driver)" : "", topDown.get(i).describe()));
        }
        q.append(" (a) In what order do the completion routines run? (b) What does IoCallDriver return to the I/O "
                + "manager, and what final status does the caller see? (c) Is the IRP pending at the top, i.e. is "
                + "PendingReturned set when completion reaches the I/O manager? (d) Does the verifier stop the "
                + "machine, and with what?");
        return new QuizQuestion(q.toString(), answer(topDown));
    }

    /** Runs the stack on the real model and narrates it. */
    static String answer(List<Behavior> topDown) {
        Scheduler s = new Scheduler();
        Kernel k = new Kernel(s, 2, Costs.zero());
        Findings findings = new Findings();
        Verifier verifier = new Verifier(k, findings);
        List<String> routines = new ArrayList<>();
        Narrator narrator = new Narrator(k, verifier);
        k.setObserver(verifier);
        ScriptedStack stack = new ScriptedStack(k, topDown, routines::add);
        k.setObserver(narrator);
        ScriptedStack.Read read = stack.read(-1);
        String stop = "";
        try {
            s.run();
        } catch (SystemHalt h) {
            verifier.stopped(h);
        }
        if (verifier.stop() == null) {
            verifier.finish(s.now());
        }
        if (!findings.isEmpty()) {
            stop = findings.list().get(0).rule() + ": " + findings.list().get(0).message();
        }
        StringBuilder a = new StringBuilder();
        a.append("The walk, step by step, as the model ran it:");
        for (int i = 0; i < narrator.lines.size(); i++) {
            a.append(" (").append(i + 1).append(") ").append(narrator.lines.get(i)).append('.');
        }
        List<String> order = routines.stream().filter(l -> l.endsWith("routine")).toList();
        a.append(" (a) ").append(order.isEmpty() ? "no completion routine runs (nobody above the completing driver "
                + "set one)" : String.join(", then ", order)).append(".");
        a.append(" (b) IoCallDriver returns ").append(NtStatus.name(read.returned)).append("; the caller sees ")
                .append(read.finished() ? NtStatus.name(read.iosb.Status) : "nothing: the request never finishes")
                .append(".");
        a.append(" (c) ").append(narrator.pendingAtTop == null ? "completion never reached the top"
                : narrator.pendingAtTop ? "yes: PendingReturned is set at the top, so the I/O manager finishes the "
                + "request in the completion APC"
                : "no: nothing pended, so the system service finishes the request itself when IoCallDriver returns")
                .append(".");
        a.append(" (d) ").append(stop.isEmpty() ? "no rule is broken." : stop);
        return a.toString();
    }

    /** Writes one line per step of the walk. */
    private static final class Narrator implements IoObserver {
        final Kernel kernel;
        final IoObserver verifier;
        final List<String> lines = new ArrayList<>();
        Boolean pendingAtTop;

        Narrator(Kernel kernel, IoObserver verifier) {
            this.kernel = kernel;
            this.verifier = verifier;
        }

        private void add(String what) {
            lines.add(String.format(Locale.ROOT, "at %d us, %s", kernel.now() / 1000, what));
        }

        private static String name(DeviceObject d) {
            return d == null ? "the I/O manager" : d.DriverObject.DriverName;
        }

        @Override
        public void onCallDriver(RoutineFrame caller, DeviceObject target, Irp irp) {
            verifier.onCallDriver(caller, target, irp);
            if (irp.FileObject() != null) {
                add((caller == null ? "the I/O manager" : caller.driver().DriverName) + ": IoCallDriver("
                        + name(target) + "), CurrentLocation " + irp.CurrentLocation() + " -> "
                        + (irp.CurrentLocation() - 1));
            }
        }

        @Override
        public void onRoutineEnter(RoutineFrame f) {
            verifier.onRoutineEnter(f);
            if (f.irp() != null && f.irp().FileObject() != null && f.kind() == RoutineKind.COMPLETION) {
                add("walk: the completion routine of " + f.driver().DriverName + " runs, PendingReturned = "
                        + (f.irp().PendingReturned() ? "TRUE" : "FALSE") + ", IoStatus.Status = "
                        + NtStatus.name(f.irp().IoStatus.Status));
            }
        }

        @Override
        public void onRoutineExit(RoutineFrame f, int status) {
            verifier.onRoutineExit(f, status);
            if (f.irp() == null || f.irp().FileObject() == null) {
                return;
            }
            if (f.kind() == RoutineKind.DISPATCH) {
                add(f.driver().DriverName + "'s dispatch routine returns " + NtStatus.name(status)
                        + (f.did(RoutineFrame.MARKED_PENDING) ? " (it marked the IRP pending)" : ""));
            } else if (f.kind() == RoutineKind.COMPLETION) {
                add(f.driver().DriverName + "'s completion routine returns " + NtStatus.name(status)
                        + (status == NtStatus.STATUS_MORE_PROCESSING_REQUIRED
                        ? ": the walk stops here, the IRP is this driver's again" : ""));
            }
        }

        @Override
        public void onCompleteRequest(RoutineFrame caller, Irp irp) {
            verifier.onCompleteRequest(caller, irp);
            if (irp.FileObject() != null) {
                add((caller == null || caller.driver() == null ? "the I/O manager" : caller.driver().DriverName
                        + " (" + caller.kind().label() + ")") + ": IoCompleteRequest with IoStatus.Status = "
                        + NtStatus.name(irp.IoStatus.Status) + "; the walk starts at location "
                        + irp.CurrentLocation());
            }
        }

        @Override
        public void onSetCompletionRoutine(RoutineFrame caller, Irp irp) {
            verifier.onSetCompletionRoutine(caller, irp);
        }

        @Override
        public void onIrpCompleted(Irp irp) {
            if (irp.FileObject() != null) {
                pendingAtTop = irp.PendingReturned();
                add("the walk reaches the top: PendingReturned = " + (pendingAtTop ? "TRUE" : "FALSE")
                        + ", IoStatus.Status = " + NtStatus.name(irp.IoStatus.Status));
            }
        }

        @Override
        public void onIrpFinished(Irp irp) {
            add("the I/O manager finishes the request: the caller's IO_STATUS_BLOCK gets "
                    + NtStatus.name(irp.IoStatus.Status));
        }

        @Override
        public void onBugCheck(SystemHalt halt) {
            verifier.onBugCheck(halt);
        }
    }
}
