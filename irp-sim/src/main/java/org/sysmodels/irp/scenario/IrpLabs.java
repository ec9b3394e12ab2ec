package org.sysmodels.irp.scenario;

import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.sysmodels.core.check.Rule;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.core.random.Distribution;
import org.sysmodels.irp.check.AllocatedIrpCompletion;
import org.sysmodels.irp.check.CallDriverAboveDispatch;
import org.sysmodels.irp.check.CancelSpinLock;
import org.sysmodels.irp.check.CancelStateInCompletedIrp;
import org.sysmodels.irp.check.CompleteAboveDispatch;
import org.sysmodels.irp.check.CompletedWithCancelRoutine;
import org.sysmodels.irp.check.CompletedWithStatusPending;
import org.sysmodels.irp.check.CompletionRoutineAfterSkip;
import org.sysmodels.irp.check.CompletionRoutineMarkPending;
import org.sysmodels.irp.check.DeviceInitializingNotCleared;
import org.sysmodels.irp.check.DriverIrqlNotLessOrEqual;
import org.sysmodels.irp.check.IrpKeptNotPending;
import org.sysmodels.irp.check.IrpSentNotOwned;
import org.sysmodels.irp.check.IrpLeaked;
import org.sysmodels.irp.check.IrqlChangedAcrossDispatch;
import org.sysmodels.irp.check.IrqlNotGreaterOrEqual;
import org.sysmodels.irp.check.IrqlNotLessOrEqual;
import org.sysmodels.irp.check.LowerDriverReturn;
import org.sysmodels.irp.check.MarkIrpPending;
import org.sysmodels.irp.check.MarkIrpPending2;
import org.sysmodels.irp.check.MultipleIrpCompleteRequests;
import org.sysmodels.irp.check.NoMoreIrpStackLocations;
import org.sysmodels.irp.check.PendedCompletedRequest;
import org.sysmodels.irp.check.UnhandledDriverException;
import org.sysmodels.irp.host.labs.AcquiresSpinLockInIsr;
import org.sysmodels.irp.host.labs.CallsDriverFromIsr;
import org.sysmodels.irp.host.labs.CancelRoutineKeepsCancelLock;
import org.sysmodels.irp.host.labs.CompletesInIsr;
import org.sysmodels.irp.host.labs.CompletesThenReturnsPending;
import org.sysmodels.irp.host.labs.CompletesTwiceAfterCancelRace;
import org.sysmodels.irp.host.labs.CompletesWithStatusPending;
import org.sysmodels.irp.host.labs.CompletionRoutineForgetsMarkPending;
import org.sysmodels.irp.host.labs.DropsIrpOnBusyPath;
import org.sysmodels.irp.host.labs.ForgetsClearInitializing;
import org.sysmodels.irp.host.labs.ForgetsMarkPending;
import org.sysmodels.irp.host.labs.LeavesCancelRoutineSet;
import org.sysmodels.irp.host.labs.LetsAllocatedIrpComplete;
import org.sysmodels.irp.host.labs.MarksPendingReturnsSuccess;
import org.sysmodels.irp.host.labs.QueuesAndReturnsSuccess;
import org.sysmodels.irp.host.labs.RaisesIrqlReturnsRaised;
import org.sysmodels.irp.host.labs.ResendsPendedRead;
import org.sysmodels.irp.host.labs.ReturnsWrongStatusAfterCallDriver;
import org.sysmodels.irp.host.labs.SendsIrpIntoDeeperStack;
import org.sysmodels.irp.host.labs.SetsCancelRoutineAfterCompleting;
import org.sysmodels.irp.host.labs.SetsCompletionRoutineAfterSkip;
import org.sysmodels.irp.host.labs.TouchesPagedMemoryInDpc;
import org.sysmodels.irp.host.labs.UsesNullCompletionContext;
import org.sysmodels.irp.host.labs.WaitsAtDispatch;
import org.sysmodels.irp.wdm.WdmDriver;

/** The bug labs, one per rule of the verifier: each a plausible driver mistake that its rule must catch. */
public final class IrpLabs {

    private static UnaryOperator<IrpScenario> classic(UnaryOperator<IrpScenario> more) {
        return s -> more.apply(s.withStack(new StackSpec(s.stack().upper(), "ramdisk-classic", s.stack().lower(),
                null)));
    }

    private static UnaryOperator<IrpScenario> cancels(double p, long maxAfterNs, long apcNs) {
        return s -> s.withCancellation(new CancellationSpec(p, new Distribution.Uniform(0, maxAfterNs),
                CancellationSpec.Kind.CANCEL_IO)).withCosts(new CostsSpec(null, null, null, null, null, null,
                apcNs, null)).withDevice(new DeviceSpec(true, 1, new Distribution.Fixed(20_000)))
                .withWorkload(new WorkloadSection(4, 4, null, null, null, 4_000L, null, null, null));
    }

    private static final UnaryOperator<IrpScenario> SAME = s -> s;

    /** 10% of requests are IOCTL_BUS_QUERY_SLOT, which the RAM disk passes down to the lower filter and the bus. */
    private static final UnaryOperator<IrpScenario> BUS_QUERIES = s -> s.withWorkload(new WorkloadSection(4, 1, null,
            null, null, 4_000L, null, null, List.of(new MixEntry(MixEntry.OpName.READ, 9, 4096L, null, null),
            new MixEntry(MixEntry.OpName.IOCTL, 1, 8L, "IOCTL_BUS_QUERY_SLOT", null))));

    private static LabSetup lab(String name, String mistake, Rule rule, String fix, List<String> overrides,
                                UnaryOperator<IrpScenario> scenario, String replaces, Supplier<WdmDriver> variant) {
        return new LabSetup(new BugLab(name, mistake, rule, fix, overrides), scenario, replaces, variant, 0);
    }

    public static final List<LabSetup> ALL = List.of(
            lab("completes-twice-after-cancel-race", "the RAM disk leaves its cancel routine set during a transfer; "
                            + "its cancel routine completes the IRP, and then its DPC completes it again",
                    MultipleIrpCompleteRequests.RULE, "take the cancel routine back when the transfer starts "
                            + "(IoSetCancelRoutine(Irp, NULL)), and if it returns NULL leave the IRP to the cancel "
                            + "routine; or use the cancel-safe queue",
                    List.of("hand-written queue", "1-channel controller, 20 us transfers", "iodepth 4",
                            "50% CancelIoEx 0-30 us after issue", "completion APC 200 us late"),
                    classic(cancels(0.5, 30_000, 200_000)), "ramdisk-classic", CompletesTwiceAfterCancelRace::new),
            new LabSetup(new BugLab("sends-irp-into-deeper-stack", "a filter forwards the IRP it received into "
                    + "another, deeper device stack (the volume's) instead of building a new IRP for it",
                    NoMoreIrpStackLocations.RULE, "build a new IRP sized for the other stack "
                    + "(IoBuildDeviceIoControlRequest(code, volume, ...) uses volume->StackSize), wait for it, then "
                    + "complete the original", List.of("a second, 6-device volume stack whose filters each take a "
                    + "stack location")), SAME, "ioctl-filter", SendsIrpIntoDeeperStack::new, 6),
            lab("sets-cancel-routine-after-completing", "after completing a transfer the driver arms its cancel "
                            + "routine on the IRP it has just completed (the wrong variable)",
                    CancelStateInCompletedIrp.RULE, "set a cancel routine only on an IRP the driver is about to "
                            + "queue, and clear it before completing",
                    List.of("hand-written queue", "60% CancelIoEx 0-60 us after issue", "completion APC 100 us late"),
                    classic(cancels(0.6, 60_000, 100_000)), "ramdisk-classic", SetsCancelRoutineAfterCompleting::new),
            lab("raises-irql-returns-raised", "a lower filter raises to DISPATCH_LEVEL to update its counters and "
                            + "forgets KeLowerIrql on the device-control path",
                    IrqlChangedAcrossDispatch.RULE, "pair every KeRaiseIrql with KeLowerIrql on every path (or use "
                            + "an interlocked increment and no IRQL change at all)",
                    List.of("10% of requests are IOCTL_BUS_QUERY_SLOT, which the RAM disk passes down"),
                    BUS_QUERIES, "counting", RaisesIrqlReturnsRaised::new),
            lab("completes-with-status-pending", "the RAM disk completes transfers with IoStatus.Status = "
                            + "STATUS_PENDING, the status its dispatch routine returned",
                    CompletedWithStatusPending.RULE, "complete with the transfer's real outcome (STATUS_SUCCESS, or "
                            + "the error); STATUS_PENDING is only ever a return value", List.of(), SAME, "ramdisk",
                    CompletesWithStatusPending::new),
            lab("leaves-cancel-routine-set", "the RAM disk takes IRPs off its hand-written queue without "
                            + "IoSetCancelRoutine(Irp, NULL) and completes them with the routine still set",
                    CompletedWithCancelRoutine.RULE, "take the cancel routine back (IoSetCancelRoutine(Irp, NULL)) "
                            + "when dequeueing, and skip the IRP if it returns NULL",
                    List.of("hand-written queue"), classic(SAME), "ramdisk-classic", LeavesCancelRoutineSet::new),
            lab("calls-driver-from-isr", "the RAM disk's ISR sends an IRP to the bus driver below it",
                    CallDriverAboveDispatch.RULE, "an ISR acknowledges the device and queues its DPC; send IRPs "
                            + "from the DPC (at DISPATCH_LEVEL) or a work item", List.of(), SAME, "ramdisk",
                    CallsDriverFromIsr::new),
            lab("completes-in-isr", "the RAM disk's ISR completes finished transfers itself",
                    CompleteAboveDispatch.RULE, "complete IRPs in the DPC the ISR queues", List.of(), SAME, "ramdisk",
                    CompletesInIsr::new),
            lab("waits-at-dispatch", "the RAM disk's DPC waits for a cache flush with KeWaitForSingleObject",
                    IrqlNotLessOrEqual.RULE, "never wait at DISPATCH_LEVEL: queue a work item "
                            + "(IoQueueWorkItem) and wait there, at PASSIVE_LEVEL", List.of(), SAME, "ramdisk",
                    WaitsAtDispatch::new),
            lab("touches-paged-memory-in-dpc", "the RAM disk keeps statistics in paged pool and updates them in "
                            + "its DPC", DriverIrqlNotLessOrEqual.RULE, "allocate memory used at DISPATCH_LEVEL with "
                            + "POOL_FLAG_NON_PAGED", List.of(), SAME, "ramdisk", TouchesPagedMemoryInDpc::new),
            lab("acquires-spin-lock-in-isr", "the RAM disk's ISR takes its device lock, an ordinary spin lock",
                    IrqlNotGreaterOrEqual.RULE, "share data with an ISR through the interrupt spin lock "
                            + "(KeSynchronizeExecution / KeAcquireInterruptSpinLock)", List.of(), SAME, "ramdisk",
                    AcquiresSpinLockInIsr::new),
            lab("marks-pending-returns-success", "the RAM disk queues the IRP (the cancel-safe queue marks it "
                            + "pending) and returns STATUS_SUCCESS", MarkIrpPending.RULE, "return STATUS_PENDING "
                            + "whenever the IRP was marked pending", List.of(), SAME, "ramdisk",
                    MarksPendingReturnsSuccess::new),
            lab("forgets-mark-pending", "the RAM disk queues the IRP on its hand-written queue and returns "
                            + "STATUS_PENDING without IoMarkIrpPending", MarkIrpPending2.RULE, "call IoMarkIrpPending "
                            + "before queueing (before any other routine can complete the IRP)",
                    List.of("hand-written queue"), classic(SAME), "ramdisk-classic", ForgetsMarkPending::new),
            lab("completes-then-returns-pending", "the RAM disk completes a length query at once but returns its "
                            + "status variable, still STATUS_PENDING", PendedCompletedRequest.RULE, "return the "
                            + "status the IRP was completed with", List.of(), SAME, "ramdisk",
                    CompletesThenReturnsPending::new),
            lab("returns-wrong-status-after-call-driver", "the read filter returns STATUS_SUCCESS after "
                            + "IoCallDriver, whatever the lower driver returned", LowerDriverReturn.RULE,
                    "return what IoCallDriver returned", List.of(), SAME, "read-postprocess",
                    ReturnsWrongStatusAfterCallDriver::new),
            lab("resends-pended-read", "the read filter takes STATUS_PENDING from the disk for \"busy\" and sends "
                            + "the read down again", IrpSentNotOwned.RULE, "STATUS_PENDING means the driver below "
                            + "owns the IRP and will complete it: return STATUS_PENDING; to retry, do it from a "
                            + "completion routine that returns STATUS_MORE_PROCESSING_REQUIRED", List.of(), SAME,
                    "read-postprocess", ResendsPendedRead::new),
            lab("cancel-routine-keeps-cancel-lock", "the RAM disk's cancel routine never releases the cancel spin "
                            + "lock", CancelSpinLock.RULE, "call IoReleaseCancelSpinLock(Irp->CancelIrql) first "
                            + "thing in the cancel routine",
                    List.of("hand-written queue", "1-channel controller, 20 us transfers", "iodepth 4",
                            "50% CancelIoEx 0-100 us after issue"),
                    classic(cancels(0.5, 100_000, 1_000)), "ramdisk-classic", CancelRoutineKeepsCancelLock::new),
            lab("sets-completion-routine-after-skip", "the counting filter skips its stack location and then sets "
                            + "a completion routine to count completions", CompletionRoutineAfterSkip.RULE,
                    "call IoCopyCurrentIrpStackLocationToNext instead of skipping when setting a completion "
                            + "routine", List.of("10% of requests are IOCTL_BUS_QUERY_SLOT, which the RAM disk passes "
                            + "down"), BUS_QUERIES, "counting", SetsCompletionRoutineAfterSkip::new),
            lab("forgets-clear-initializing", "the counting filter's AddDevice attaches its device object and "
                            + "returns without clearing DO_DEVICE_INITIALIZING, so the RAM disk's AddDevice cannot "
                            + "attach above it", DeviceInitializingNotCleared.RULE, "end AddDevice with "
                            + "DeviceObject->Flags &= ~DO_DEVICE_INITIALIZING (the I/O manager clears it only for "
                            + "device objects made in DriverEntry)", List.of(), SAME, "counting",
                    ForgetsClearInitializing::new),
            lab("uses-null-completion-context", "the read filter's completion routine counts into the per-IRP "
                            + "context it expects, but the dispatch routine passes NULL as IoSetCompletionRoutine's "
                            + "Context", UnhandledDriverException.RULE, "pass the context the routine uses (allocate "
                            + "it per IRP, or pass the device extension), and test Context before using it",
                    List.of(), SAME, "read-postprocess", UsesNullCompletionContext::new),
            lab("completion-routine-forgets-mark-pending", "the read filter's completion routine post-processes "
                            + "the data and never propagates pending", CompletionRoutineMarkPending.RULE,
                    "begin the routine with if (Irp.PendingReturned()) IoMarkIrpPending(Irp)", List.of(), SAME,
                    "read-postprocess", CompletionRoutineForgetsMarkPending::new),
            lab("queues-and-returns-success", "the RAM disk queues the IRP on its hand-written queue and returns "
                            + "STATUS_SUCCESS without marking it pending", IrpKeptNotPending.RULE,
                    "mark the IRP pending and return STATUS_PENDING when keeping it",
                    List.of("hand-written queue"), classic(SAME), "ramdisk-classic", QueuesAndReturnsSuccess::new),
            lab("drops-irp-on-busy-path", "the IOCTL filter parks device-control requests \"until the device is "
                            + "less busy\" and never takes them off its list again", IrpLeaked.RULE,
                    "every IRP a driver keeps must reach IoCompleteRequest or IoCallDriver on some later path; "
                            + "a parked IRP needs the code that un-parks it (and a cancel routine)",
                    List.of(), SAME, "ioctl-filter", DropsIrpOnBusyPath::new),
            lab("lets-allocated-irp-complete", "the IOCTL filter queries the bus with an IRP of its own whose "
                            + "completion routine lets completion continue", AllocatedIrpCompletion.RULE,
                    "in the completion routine of an IRP you allocated, call IoFreeIrp and return "
                            + "STATUS_MORE_PROCESSING_REQUIRED", List.of(), SAME, "ioctl-filter",
                    LetsAllocatedIrpComplete::new));

    private IrpLabs() {
    }

    public static List<BugLab> labs() {
        return ALL.stream().map(LabSetup::lab).toList();
    }

    /** The setup of the lab named {@code name}, or null. */
    public static LabSetup byName(String name) {
        return ALL.stream().filter(l -> l.lab().name().equals(name)).findFirst().orElse(null);
    }
}
