package org.sysmodels.irp.check;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.sysmodels.core.check.Checker;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.SystemHalt;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.IoObserver;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.Kernel;
import org.sysmodels.irp.model.io.RoutineFrame;
import org.sysmodels.irp.model.io.RoutineKind;

/**
 * The simulated verifier: every rule of this package, on in every run, in the order they are consulted. It is the
 * kernel's observer and hands each event only to the rules that look at it (found once, from which methods a rule
 * overrides), so a rule costs nothing on events it ignores. The first violation stops the machine.
 */
public final class Verifier implements IoObserver {

    private final Kernel kernel;
    private final Checker<IrpCheck> checker;
    private final VerifierCheck[] callDriver;
    private final VerifierCheck[] routineEnter;
    private final VerifierCheck[][] routineExit;
    private final VerifierCheck[] completeRequest;
    private final VerifierCheck[] setCompletion;
    private final VerifierCheck[] setCancel;
    private final IrpCheck[] claims;
    private final Standard standard;
    private SystemHalt stop;
    private Rule stopRule;

    /** A verifier with every rule ({@link #allChecks()}). */
    public Verifier(Kernel kernel, Findings findings) {
        this(kernel, findings, allChecks());
    }

    public Verifier(Kernel kernel, Findings findings, List<IrpCheck> checks) {
        this.kernel = kernel;
        this.checker = new Checker<>(checks, findings);
        for (IrpCheck c : checks) {
            if (c instanceof VerifierCheck v) {
                v.attach(kernel, findings, this);
            }
        }
        callDriver = overriding(checks, "onCallDriver", RoutineFrame.class, DeviceObject.class, Irp.class);
        routineEnter = overriding(checks, "onRoutineEnter", RoutineFrame.class);
        VerifierCheck[] exits = overriding(checks, "onRoutineExit", RoutineFrame.class, int.class);
        routineExit = new VerifierCheck[RoutineKind.values().length][];
        for (RoutineKind kind : RoutineKind.values()) {
            routineExit[kind.ordinal()] = java.util.Arrays.stream(exits)
                    .filter(c -> (c.exitKinds() & IrpCheck.kind(kind)) != 0).toArray(VerifierCheck[]::new);
        }
        completeRequest = overriding(checks, "onCompleteRequest", RoutineFrame.class, Irp.class);
        setCompletion = overriding(checks, "onSetCompletionRoutine", RoutineFrame.class, Irp.class);
        setCancel = overriding(checks, "onSetCancelRoutine", RoutineFrame.class, Irp.class);
        claims = overriding(checks, "claims", SystemHalt.class);
        standard = isStandard(checks) ? new Standard(checks) : null;
    }

    /** Every rule, most specific first (the first rule that matches reports). */
    public static List<IrpCheck> allChecks() {
        return List.of(new MultipleIrpCompleteRequests(), new NoMoreIrpStackLocations(),
                new CancelStateInCompletedIrp(), new CompletedWithStatusPending(), new CompletedWithCancelRoutine(),
                new CompleteAboveDispatch(), new CallDriverAboveDispatch(), new IrpSentNotOwned(),
                new CancelSpinLock(),
                new IrqlChangedAcrossDispatch(), new UnhandledDriverException(), new IrqlNotLessOrEqual(),
                new DriverIrqlNotLessOrEqual(),
                new IrqlNotGreaterOrEqual(), new PendedCompletedRequest(), new MarkIrpPending(),
                new MarkIrpPending2(), new LowerDriverReturn(), new IrpKeptNotPending(),
                new CompletionRoutineAfterSkip(), new CompletionRoutineMarkPending(), new AllocatedIrpCompletion(),
                new IrpLeaked(), new DeviceInitializingNotCleared(), new OtherBugCheck());
    }

    /** The rules of {@link #allChecks()}. */
    public static List<Rule> allRules() {
        return allChecks().stream().map(IrpCheck::rule).toList();
    }

    public Checker<IrpCheck> checker() {
        return checker;
    }

    /** The stop that ended the run, or null. */
    public SystemHalt stop() {
        return stop;
    }

    /** The rule that reported the stop, or null. */
    public Rule stopRule() {
        return stopRule;
    }

    /** Ends the run for every rule. */
    public void finish(long now) {
        checker.finish(now);
    }

    /** A rule found a violation and is about to stop the machine. */
    void reportedBy(Rule rule) {
        if (stopRule == null) {
            stopRule = rule;
        }
    }

    /** The run caught the machine's stop: remember it (the rule that reported it is known already). */
    public void stopped(SystemHalt halt) {
        if (stop == null) {
            stop = halt;
        }
    }

    @Override
    public void onCallDriver(RoutineFrame caller, DeviceObject target, Irp irp) {
        if (standard != null) {
            standard.callDriverAbove.onCallDriver(caller, target, irp);
            standard.sentNotOwned.onCallDriver(caller, target, irp);
            return;
        }
        for (VerifierCheck c : callDriver) {
            c.onCallDriver(caller, target, irp);
        }
    }

    /** No standard rule looks at routines being entered (their state at entry is in the frame). */
    @Override
    public void onRoutineEnter(RoutineFrame frame) {
        if (standard != null) {
            return;
        }
        for (VerifierCheck c : routineEnter) {
            c.onRoutineEnter(frame);
        }
    }

    /**
     * The hottest event. With the standard rule set the rules are called in straight-line code, each at a call site
     * of its own class, so the JIT inlines every rule's test into one routine; any other list of rules is walked in
     * order. Both call the same rules in the same order.
     */
    @Override
    public void onRoutineExit(RoutineFrame frame, int status) {
        if (standard != null) {
            standard.onRoutineExit(frame, status);
            return;
        }
        for (VerifierCheck c : routineExit[frame.kind().ordinal()]) {
            c.onRoutineExit(frame, status);
        }
    }

    @Override
    public void onCompleteRequest(RoutineFrame caller, Irp irp) {
        if (standard != null) {
            standard.onCompleteRequest(caller, irp);
            return;
        }
        for (VerifierCheck c : completeRequest) {
            c.onCompleteRequest(caller, irp);
        }
    }

    /**
     * The standard rules' exit, completion, IoCallDriver and IoSetCompletionRoutine checks as direct calls, in
     * {@link #allChecks()}' order (two rules look at IoCallDriver, one at IoSetCompletionRoutine).
     */
    private static final class Standard {
        final CancelSpinLock cancelSpinLock;
        final IrqlChangedAcrossDispatch irqlChanged;
        final PendedCompletedRequest pendedCompleted;
        final MarkIrpPending markIrpPending;
        final MarkIrpPending2 markIrpPending2;
        final LowerDriverReturn lowerDriverReturn;
        final IrpKeptNotPending irpKept;
        final CompletionRoutineMarkPending routineMarkPending;
        final CompletedWithStatusPending statusPending;
        final CompletedWithCancelRoutine cancelRoutineSet;
        final CompleteAboveDispatch completeAboveDispatch;
        final CallDriverAboveDispatch callDriverAbove;
        final IrpSentNotOwned sentNotOwned;
        final CompletionRoutineAfterSkip routineAfterSkip;
        final DeviceInitializingNotCleared initializing;

        Standard(List<IrpCheck> checks) {
            cancelSpinLock = find(checks, CancelSpinLock.class);
            irqlChanged = find(checks, IrqlChangedAcrossDispatch.class);
            pendedCompleted = find(checks, PendedCompletedRequest.class);
            markIrpPending = find(checks, MarkIrpPending.class);
            markIrpPending2 = find(checks, MarkIrpPending2.class);
            lowerDriverReturn = find(checks, LowerDriverReturn.class);
            irpKept = find(checks, IrpKeptNotPending.class);
            routineMarkPending = find(checks, CompletionRoutineMarkPending.class);
            statusPending = find(checks, CompletedWithStatusPending.class);
            cancelRoutineSet = find(checks, CompletedWithCancelRoutine.class);
            completeAboveDispatch = find(checks, CompleteAboveDispatch.class);
            callDriverAbove = find(checks, CallDriverAboveDispatch.class);
            sentNotOwned = find(checks, IrpSentNotOwned.class);
            routineAfterSkip = find(checks, CompletionRoutineAfterSkip.class);
            initializing = find(checks, DeviceInitializingNotCleared.class);
        }

        private static <T> T find(List<IrpCheck> checks, Class<T> type) {
            return checks.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
        }

        void onRoutineExit(RoutineFrame f, int status) {
            cancelSpinLock.onRoutineExit(f, status);
            if (f.kind() == RoutineKind.DISPATCH) {
                irqlChanged.onRoutineExit(f, status);
                if (plainDispatchExit(f, status)) {
                    return;
                }
                pendedCompleted.onRoutineExit(f, status);
                markIrpPending.onRoutineExit(f, status);
                markIrpPending2.onRoutineExit(f, status);
                lowerDriverReturn.onRoutineExit(f, status);
                irpKept.onRoutineExit(f, status);
            } else if (f.kind() == RoutineKind.COMPLETION) {
                if (f.irp().PendingReturned()) {
                    routineMarkPending.onRoutineExit(f, status);
                }
                if (status == NtStatus.STATUS_MORE_PROCESSING_REQUIRED) {
                    sentNotOwned.onRoutineExit(f, status);
                }
            } else if (f.kind() == RoutineKind.ADD_DEVICE) {
                initializing.onRoutineExit(f, status);
            }
        }

        /**
         * True for the three ways a dispatch routine correctly ends, on which none of PendedCompletedRequest,
         * MarkIrpPending, MarkIrpPending2, LowerDriverReturn and IrpKeptNotPending can fire (each needs a
         * combination excluded here): passed the IRP down and returned what IoCallDriver returned; completed it
         * without marking it pending and returned its status; marked it pending (before any completion) and
         * returned STATUS_PENDING. Anything else goes to the rules, which decide.
         */
        private static boolean plainDispatchExit(RoutineFrame f, int status) {
            int done = f.flags() & (RoutineFrame.CALLED_DOWN | RoutineFrame.MARKED_PENDING | RoutineFrame.COMPLETED);
            if (done == RoutineFrame.CALLED_DOWN) {
                return status == f.lowerStatus();
            }
            if (done == RoutineFrame.COMPLETED) {
                return status != NtStatus.STATUS_PENDING;
            }
            return (done & RoutineFrame.MARKED_PENDING) != 0 && status == NtStatus.STATUS_PENDING
                    && (!f.did(RoutineFrame.COMPLETED) || f.did(RoutineFrame.MARKED_BEFORE_COMPLETE));
        }

        void onCompleteRequest(RoutineFrame caller, Irp irp) {
            statusPending.onCompleteRequest(caller, irp);
            cancelRoutineSet.onCompleteRequest(caller, irp);
            completeAboveDispatch.onCompleteRequest(caller, irp);
        }
    }

    /** True when {@code checks} are exactly {@link #allChecks()}' rules, in that order. */
    private static boolean isStandard(List<IrpCheck> checks) {
        List<IrpCheck> all = allChecks();
        if (all.size() != checks.size()) {
            return false;
        }
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).getClass() != checks.get(i).getClass()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void onSetCompletionRoutine(RoutineFrame caller, Irp irp) {
        if (standard != null) {
            standard.routineAfterSkip.onSetCompletionRoutine(caller, irp);
            return;
        }
        for (VerifierCheck c : setCompletion) {
            c.onSetCompletionRoutine(caller, irp);
        }
    }

    @Override
    public void onSetCancelRoutine(RoutineFrame caller, Irp irp) {
        for (VerifierCheck c : setCancel) {
            c.onSetCancelRoutine(caller, irp);
        }
    }

    @Override
    public void onBugCheck(SystemHalt halt) {
        for (IrpCheck c : claims) {
            if (c.claims(halt)) {
                c.report(halt);
                stop = halt;
                if (stopRule == null) {
                    stopRule = c.rule();
                }
                return;
            }
        }
    }

    /**
     * The checks that override {@code method}, as the abstract class (a virtual call through the class's vtable is
     * cheaper than an interface call, and this is the verifier's hot path).
     */
    private static VerifierCheck[] overriding(List<IrpCheck> checks, String method, Class<?>... params) {
        List<VerifierCheck> out = new ArrayList<>();
        for (IrpCheck c : checks) {
            try {
                Method m = c.getClass().getMethod(method, params);
                if (m.getDeclaringClass() != IoObserver.class && m.getDeclaringClass() != IrpCheck.class
                        && m.getDeclaringClass() != VerifierCheck.class) {
                    if (!(c instanceof VerifierCheck v)) {
                        throw new IllegalArgumentException(c.getClass().getName() + ": a verifier rule extends "
                                + "VerifierCheck");
                    }
                    out.add(v);
                }
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("IoObserver has no method " + method, e);
            }
        }
        return out.toArray(VerifierCheck[]::new);
    }
}
