package org.sysmodels.irp.host.scripted;

import java.util.List;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.DriverObject;
import org.sysmodels.irp.model.io.IoCompletionRoutine;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.ke.Kdpc;
import org.sysmodels.irp.wdm.WdmDriver;

/**
 * A driver whose handling of IRP_MJ_READ is given as a {@link Behavior}, written the way the WDK says each pattern is
 * done (including the cancel spin lock protocol between a pended IRP's cancel routine and the DPC that completes it).
 * It logs what its completion routine does, so tests can compare the order with a reference. Everything else (PnP)
 * it passes down with skip.
 */
public class ScriptedDriver extends WdmDriver {

    /** Where a scripted stack logs its completion routines: "level 2 routine". */
    public interface Log {
        void add(String line);
    }

    /** A pended IRP's state, shared by its cancel routine and its DPC under the cancel spin lock. */
    private static final class Pending {
        final Irp irp;
        final int status;
        boolean cancelled;

        Pending(Irp irp, int status) {
            this.irp = irp;
            this.status = status;
        }
    }

    private final int level;
    private final Behavior behavior;
    private final Log log;
    private final int dpcProcessor;
    private final IoCompletionRoutine routine = this::Completion;
    private DeviceObject lower;
    private DeviceObject self;

    /** @param level this driver's level in the stack, 1 = bottom, for the log */
    public ScriptedDriver(int level, Behavior behavior, Log log, int dpcProcessor) {
        this.level = level;
        this.behavior = behavior;
        this.log = log;
        this.dpcProcessor = dpcProcessor;
    }

    public Behavior behavior() {
        return behavior;
    }

    @Override
    public int DriverEntry(DriverObject DriverObject, String RegistryPath) {
        for (int mj = 0; mj <= IRP_MJ_MAXIMUM_FUNCTION; mj++) {
            DriverObject.MajorFunction[mj] = this::PassThrough;
        }
        DriverObject.MajorFunction[IRP_MJ_READ] = this::DispatchRead;
        DriverObject.DriverExtension.AddDevice = (driver, pdo) -> {
            self = IoCreateDevice(driver, null, "\\Device\\Level" + level, FILE_DEVICE_UNKNOWN);
            lower = IoAttachDeviceToDeviceStack(self, pdo);
            self.Flags &= ~DO_DEVICE_INITIALIZING;
            return STATUS_SUCCESS;
        };
        return STATUS_SUCCESS;
    }

    private int PassThrough(DeviceObject device, Irp irp) {
        IoSkipCurrentIrpStackLocation(irp);
        return IoCallDriver(lower, irp);
    }

    private int DispatchRead(DeviceObject device, Irp irp) {
        return switch (behavior) {
            case Behavior.Skip s -> {
                IoSkipCurrentIrpStackLocation(irp);
                yield IoCallDriver(lower, irp);
            }
            case Behavior.Copy c -> {
                IoCopyCurrentIrpStackLocationToNext(irp);
                yield IoCallDriver(lower, irp);
            }
            case Behavior.Forward f -> {
                IoCopyCurrentIrpStackLocationToNext(irp);
                IoSetCompletionRoutine(irp, routine, null, true, true, true);
                if (f.routine() instanceof RoutineBehavior.MoreProcessing) {
                    IoMarkIrpPending(irp);
                    IoCallDriver(lower, irp);
                    yield STATUS_PENDING;
                }
                yield IoCallDriver(lower, irp);
            }
            case Behavior.Complete c -> {
                irp.IoStatus.Status = c.status();
                irp.IoStatus.Information = 0;
                IoCompleteRequest(irp, IO_NO_INCREMENT);
                yield c.status();
            }
            case Behavior.Pend p -> pend(irp, p);
        };
    }

    private int pend(Irp irp, Behavior.Pend p) {
        IoMarkIrpPending(irp);
        Pending pending = new Pending(irp, p.status());
        irp.DriverContext[0] = pending;
        if (p.cancelable()) {
            IoSetCancelRoutine(irp, this::Cancel);
        }
        Kdpc dpc = KeInitializeDpc(this::CompletePended, pending);
        dpc.setTarget(dpcProcessor);
        kernel().scheduler().at(kernel().now() + p.afterNs(), () -> KeInsertQueueDpc(dpc, null, null));
        return STATUS_PENDING;
    }

    /** Called with the cancel spin lock held; the DPC checks the flag under the same lock. */
    private void Cancel(DeviceObject device, Irp irp) {
        Pending pending = (Pending) irp.DriverContext[0];
        pending.cancelled = true;
        IoReleaseCancelSpinLock(irp.CancelIrql());
        irp.IoStatus.Status = STATUS_CANCELLED;
        irp.IoStatus.Information = 0;
        IoCompleteRequest(irp, IO_NO_INCREMENT);
    }

    private void CompletePended(Kdpc dpc, Object context, Object a1, Object a2) {
        Pending pending = (Pending) context;
        int irql = IoAcquireCancelSpinLock();
        if (pending.cancelled) {
            IoReleaseCancelSpinLock(irql);
            return;
        }
        IoSetCancelRoutine(pending.irp, null);
        IoReleaseCancelSpinLock(irql);
        pending.irp.IoStatus.Status = pending.status;
        pending.irp.IoStatus.Information = 0;
        IoCompleteRequest(pending.irp, IO_NO_INCREMENT);
    }

    private int Completion(DeviceObject device, Irp irp, Object context) {
        RoutineBehavior r = ((Behavior.Forward) behavior).routine();
        log.add("level " + level + " routine");
        switch (r) {
            case RoutineBehavior.Continue c -> {
                if (irp.PendingReturned()) {
                    IoMarkIrpPending(irp);
                }
                if (c.newStatus() != null) {
                    irp.IoStatus.Status = c.newStatus();
                }
                return STATUS_CONTINUE_COMPLETION;
            }
            case RoutineBehavior.ContinueWithoutMark c -> {
                if (c.newStatus() != null) {
                    irp.IoStatus.Status = c.newStatus();
                }
                return STATUS_CONTINUE_COMPLETION;
            }
            case RoutineBehavior.MoreProcessing m -> {
                Kdpc dpc = KeInitializeDpc((d, ctx, x, y) -> {
                    if (m.newStatus() != null) {
                        irp.IoStatus.Status = m.newStatus();
                    }
                    log.add("level " + level + " completes again");
                    IoCompleteRequest(irp, IO_NO_INCREMENT);
                }, null);
                dpc.setTarget(dpcProcessor);
                kernel().scheduler().at(kernel().now() + m.afterNs(), () -> KeInsertQueueDpc(dpc, null, null));
                return STATUS_MORE_PROCESSING_REQUIRED;
            }
        }
    }

    /** The behaviours of a stack, top first, as one line each. */
    public static List<String> describe(List<Behavior> topDown) {
        return topDown.stream().map(Behavior::describe).toList();
    }
}
