package org.sysmodels.irp.run;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.core.trace.Track;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.SystemHalt;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.IoObserver;
import org.sysmodels.irp.model.io.Irp;
import org.sysmodels.irp.model.io.IrpMajor;
import org.sysmodels.irp.model.io.Kernel;
import org.sysmodels.irp.model.io.RoutineFrame;
import org.sysmodels.irp.model.io.RoutineKind;
import org.sysmodels.irp.model.ke.Kdpc;
import org.sysmodels.irp.model.ke.Processor;

/**
 * Writes a run as a Perfetto trace: one track per processor (every routine as a nested slice, the IRQL as a counter),
 * one track per device object (each dispatch and completion routine that ran for it, as async slices, since two
 * processors may be in the same device at once), a requests track (each IRP from issue to finish), and flow arrows
 * from IoCallDriver to the dispatch routine it reaches and from IoCompleteRequest up through each completion routine
 * to the completion APC. Only attached when the user asks for a trace.
 */
public final class TraceRecorder implements IoObserver {

    private final Tracer tracer;
    private final Kernel kernel;
    private final Track[] cpus;
    private final Track requests;
    private final Map<DeviceObject, Track> devices = new LinkedHashMap<>();
    private final Map<Irp, Long> pendingFlow = new IdentityHashMap<>();
    private final Map<RoutineFrame, Long> asyncIds = new IdentityHashMap<>();
    private final int[] open;
    /** Async slices begun and not yet ended, by id: their track and name. */
    private final Map<Long, Object[]> openAsync = new LinkedHashMap<>();
    private long nextId = 1;

    public TraceRecorder(Tracer tracer, Kernel kernel) {
        this.tracer = tracer;
        this.kernel = kernel;
        this.cpus = new Track[kernel.processorCount()];
        for (int i = 0; i < cpus.length; i++) {
            cpus[i] = tracer.track("processors", "CPU " + i);
        }
        this.requests = tracer.track("requests", "IRPs in flight");
        this.open = new int[cpus.length];
    }

    /** Closes the slices a stop or a leak left open (the machine halted inside them, or an IRP never finished). */
    public void closeOpen(long at) {
        for (int i = 0; i < cpus.length; i++) {
            while (open[i] > 0) {
                tracer.end(cpus[i], at);
                open[i]--;
            }
        }
        for (Map.Entry<Long, Object[]> e : openAsync.entrySet()) {
            tracer.asyncEnd((Track) e.getValue()[0], (String) e.getValue()[1], e.getKey(), at);
        }
        openAsync.clear();
    }

    private void asyncBegin(Track t, String name, long id, long ts) {
        openAsync.put(id, new Object[] {t, name});
        tracer.asyncBegin(t, name, id, ts);
    }

    private void asyncEnd(Track t, String name, long id, long ts) {
        if (openAsync.remove(id) != null) {
            tracer.asyncEnd(t, name, id, ts);
        }
    }

    private Track device(DeviceObject d) {
        return devices.computeIfAbsent(d, x -> tracer.track("device objects", x.DriverObject.DriverName + " "
                + x.displayName()));
    }

    private static String sliceName(RoutineFrame f) {
        String who = f.driver() == null ? "I/O manager" : f.driver().DriverName;
        String what = f.kind().label();
        if (f.irp() != null && f.kind() == RoutineKind.DISPATCH) {
            what = IrpMajor.name(f.irp().location(f.locationAtEntry()).MajorFunction);
        }
        return who + " " + what;
    }

    @Override
    public void onCallDriver(RoutineFrame caller, DeviceObject target, Irp irp) {
        Processor p = kernel.current();
        long id = nextId++;
        tracer.flowStart(cpus[p.number()], "IoCallDriver", id, p.clock());
        pendingFlow.put(irp, id);
        if (irp.CurrentLocation() == irp.StackCount() + 1 && !openAsync.containsKey(key(irp))) {
            asyncBegin(requests, IrpMajor.name(irp.location(irp.StackCount()).MajorFunction), key(irp),
                    p.clock());
        }
    }

    @Override
    public void onRoutineEnter(RoutineFrame f) {
        Track cpu = cpus[f.processor()];
        open[f.processor()]++;
        String name = sliceName(f);
        if (f.irp() != null) {
            tracer.begin(cpu, name, f.enteredAt(), Map.of("irp", f.irp().addressText()));
            Long flow = pendingFlow.remove(f.irp());
            if (flow != null && (f.kind() == RoutineKind.DISPATCH || f.kind() == RoutineKind.COMPLETION)) {
                tracer.flowEnd(cpu, f.kind() == RoutineKind.DISPATCH ? "IoCallDriver" : "IoCompleteRequest", flow,
                        f.enteredAt());
            }
        } else {
            tracer.begin(cpu, name, f.enteredAt());
        }
        if (f.device() != null && f.irp() != null) {
            long id = nextId++;
            asyncIds.put(f, id);
            asyncBegin(device(f.device()), name, id, f.enteredAt());
        }
    }

    @Override
    public void onRoutineExit(RoutineFrame f, int status) {
        Processor p = kernel.current();
        if (f.kind() == RoutineKind.COMPLETION && status != NtStatus.STATUS_MORE_PROCESSING_REQUIRED
                && f.irp() != null && f.irp().inUse()) {
            long id = nextId++;
            tracer.flowStart(cpus[f.processor()], "IoCompleteRequest", id, p.clock());
            pendingFlow.put(f.irp(), id);
        }
        Long async = asyncIds.remove(f);
        if (async != null) {
            asyncEnd(device(f.device()), sliceName(f), async, p.clock());
        }
        tracer.end(cpus[f.processor()], p.clock());
        open[f.processor()]--;
    }

    @Override
    public void onCompleteRequest(RoutineFrame caller, Irp irp) {
        Processor p = kernel.current();
        long id = nextId++;
        tracer.flowStart(cpus[p.number()], "IoCompleteRequest", id, p.clock());
        pendingFlow.put(irp, id);
    }

    @Override
    public void onIrpFinished(Irp irp) {
        Processor p = kernel.current();
        long ts = p == null ? kernel.now() : p.clock();
        Track cpu = cpus[p == null ? 0 : p.number()];
        Long flow = pendingFlow.remove(irp);
        tracer.begin(cpu, "completion APC (IopCompleteRequest)", ts, "status", irp.IoStatus.Status & 0xffffffffL);
        if (flow != null) {
            tracer.flowEnd(cpu, "IoCompleteRequest", flow, ts);
        }
        tracer.end(cpu, ts);
        Object[] open = openAsync.get(key(irp));
        if (open != null) {
            asyncEnd(requests, (String) open[1], key(irp), ts);
        }
    }

    @Override
    public void onCancelIrp(RoutineFrame caller, Irp irp, boolean cancelRoutineCalled) {
        Processor p = kernel.current();
        tracer.instant(cpus[p.number()], cancelRoutineCalled ? "IoCancelIrp: cancel routine called"
                : "IoCancelIrp: not cancelable now", p.clock(), Map.of("irp", irp.addressText()));
    }

    @Override
    public void onIrql(Processor p, int oldIrql, int newIrql, long at) {
        tracer.counter(cpus[p.number()], "IRQL CPU " + p.number(), at, newIrql);
    }

    @Override
    public void onDpcQueued(RoutineFrame caller, Kdpc dpc, int target) {
        Processor p = kernel.current();
        if (p != null) {
            tracer.instant(cpus[p.number()], "KeInsertQueueDpc → CPU " + target, p.clock());
        }
    }

    @Override
    public void onBugCheck(SystemHalt halt) {
        Processor p = kernel.current();
        tracer.instant(cpus[p == null ? 0 : p.number()], "BUG CHECK " + halt.stop().headline(),
                p == null ? kernel.now() : p.clock());
    }

    private static long key(Irp irp) {
        return irp.address() ^ ((long) irp.generation() << 40);
    }
}
