package org.sysmodels.irp.check;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.sysmodels.core.check.Checker;
import org.sysmodels.core.check.Findings;
import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.SystemHalt;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.IoObserver;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.Kernel;
import org.sysmodels.irp.model.io.RoutineFrame;

/**
 * The simulated verifier: every rule of this package, on in every run, in the order they are consulted. It is the
 * kernel's observer and hands each event only to the rules that look at it (found once, from which methods a rule
 * overrides), so a rule costs nothing on events it ignores. The first violation stops the machine.
 */
public final class Verifier implements IoObserver {

    private final Kernel kernel;
    private final Checker<IrpCheck> checker;
    private final IrpCheck[] callDriver;
    private final IrpCheck[] routineEnter;
    private final IrpCheck[] routineExit;
    private final IrpCheck[] completeRequest;
    private final IrpCheck[] setCompletion;
    private final IrpCheck[] claims;
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
        routineExit = overriding(checks, "onRoutineExit", RoutineFrame.class, int.class);
        completeRequest = overriding(checks, "onCompleteRequest", RoutineFrame.class, Irp.class);
        setCompletion = overriding(checks, "onSetCompletionRoutine", RoutineFrame.class, Irp.class);
        claims = overriding(checks, "claims", SystemHalt.class);
    }

    /** Every rule, most specific first (the first rule that matches reports). */
    public static List<IrpCheck> allChecks() {
        return List.of(new MultipleIrpCompleteRequests(), new NoMoreIrpStackLocations(),
                new CancelStateInCompletedIrp(), new CompletedWithStatusPending(), new CompletedWithCancelRoutine(),
                new CompleteAboveDispatch(), new CallDriverAboveDispatch(), new CancelSpinLock(),
                new IrqlChangedAcrossDispatch(), new IrqlNotLessOrEqual(), new DriverIrqlNotLessOrEqual(),
                new IrqlNotGreaterOrEqual(), new PendedCompletedRequest(), new MarkIrpPending(),
                new MarkIrpPending2(), new LowerDriverReturn(), new IrpKeptNotPending(),
                new CompletionRoutineAfterSkip(), new CompletionRoutineMarkPending(), new AllocatedIrpCompletion(),
                new IrpLeaked(), new OtherBugCheck());
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
        for (IrpCheck c : callDriver) {
            c.onCallDriver(caller, target, irp);
        }
    }

    @Override
    public void onRoutineEnter(RoutineFrame frame) {
        for (IrpCheck c : routineEnter) {
            c.onRoutineEnter(frame);
        }
    }

    @Override
    public void onRoutineExit(RoutineFrame frame, int status) {
        for (IrpCheck c : routineExit) {
            c.onRoutineExit(frame, status);
        }
    }

    @Override
    public void onCompleteRequest(RoutineFrame caller, Irp irp) {
        for (IrpCheck c : completeRequest) {
            c.onCompleteRequest(caller, irp);
        }
    }

    @Override
    public void onSetCompletionRoutine(RoutineFrame caller, Irp irp) {
        for (IrpCheck c : setCompletion) {
            c.onSetCompletionRoutine(caller, irp);
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

    private static IrpCheck[] overriding(List<IrpCheck> checks, String method, Class<?>... params) {
        List<IrpCheck> out = new ArrayList<>();
        for (IrpCheck c : checks) {
            try {
                Method m = c.getClass().getMethod(method, params);
                if (m.getDeclaringClass() != IoObserver.class && m.getDeclaringClass() != IrpCheck.class) {
                    out.add(c);
                }
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("IoObserver has no method " + method, e);
            }
        }
        return out.toArray(IrpCheck[]::new);
    }
}
