package org.sysmodels.vcpu.run;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.sysmodels.core.sched.Scheduler;
import org.sysmodels.vcpu.model.devices.virtio.DiskImage;
import org.sysmodels.vcpu.model.devices.virtio.MemoryDisk;
import org.sysmodels.vcpu.model.isa.Hart;
import org.sysmodels.vcpu.model.kvm.Timing;
import org.sysmodels.vcpu.model.platform.DeterministicPlatform;
import org.sysmodels.vcpu.model.vmm.ConsoleLog;
import org.sysmodels.vcpu.model.vmm.Observers;
import org.sysmodels.vcpu.model.vmm.Vmm;
import org.sysmodels.vcpu.model.vmm.VmmError;

/**
 * The check behind restore-equals-uninterrupted: each snapshot a run took is restored into a fresh VMM (as
 * Firecracker's {@code build_microvm_from_snapshot} does, with the disks as they were when it was taken), resumed and
 * run to the end, and compared with the original run's end: exit code, serial output, every hart's registers, pc and
 * instruction count, guest memory and the drives. A snapshot is only good if the microVM it restores does what the
 * uninterrupted one did.
 */
final class RestoreVerification {

    private RestoreVerification() {
    }

    /** Restores {@code t} into a fresh VMM, runs it to the end, and says how it differs from {@code main}. */
    static String verify(MicroVmRun.Setup setup, MicroVmRun.Outcome main, MicroVmRun.Taken t, Timing timing) {
        if (main.cutByLimit()) {
            return null; // nothing certain to compare against: the original never ended by itself
        }
        DeterministicPlatform p = new DeterministicPlatform(new Scheduler(), timing);
        ConsoleLog console = new ConsoleLog(p.clock(), null);
        console.prefill(t.consoleSoFar());
        Map<String, DiskImage> disks = new HashMap<>();
        t.disks().forEach((id, bytes) -> disks.put(id, new MemoryDisk(bytes, false)));
        Vmm.Snapshot merged = new Vmm.Snapshot(t.snapshot().state(), t.merged());
        Vmm[] holder = new Vmm[1];
        String[] error = {null};
        p.onVmmThread(() -> {
            try {
                holder[0] = Vmm.restore(merged, p, setup.parts(), console, b -> disks.get(b.id()), timing,
                        main.scenario().trackDirtyPages(), Observers.NONE);
                holder[0].resumeVm();
            } catch (VmmError e) {
                error[0] = e.getMessage();
            }
        });
        if (holder[0] == null) {
            return "the restore failed: " + error[0];
        }
        Vmm vmm = holder[0];
        long budget = Math.max(1_000_000L, main.scenario().runFor() - t.at());
        p.runUntil(() -> vmm.shutdownExitCode() != null, budget);
        String diff = compare(main, vmm, console, disks);
        p.onVmmThread(vmm::shutdown);
        return diff;
    }

    private static String compare(MicroVmRun.Outcome main, Vmm restored, ConsoleLog console, Map<String, DiskImage> disks) {
        if (restored.shutdownExitCode() == null) {
            return "the original ended (" + main.exitCode().rustName() + "); the restored microVM had not ended "
                    + "after the same time. Its serial output ends: \"" + tail(console.text()) + "\"";
        }
        if (restored.shutdownExitCode() != main.exitCode()) {
            return "exit " + restored.shutdownExitCode().rustName() + ", the original's was "
                    + main.exitCode().rustName();
        }
        if (!console.text().equals(main.console())) {
            return "serial output differs: restored ends \"" + tail(console.text()) + "\", original ends \""
                    + tail(main.console()) + "\"";
        }
        for (int i = 0; i < main.harts().size(); i++) {
            MicroVmRun.HartEnd e = main.harts().get(i);
            Hart h = restored.kvm().vcpu(i).hart();
            if (h.pc != e.pc() || h.instret != e.instret() || !Arrays.equals(h.registers(), e.x())) {
                return String.format(Locale.ROOT, "hart %d ended at pc 0x%x after %,d instructions; the original "
                        + "at pc 0x%x after %,d", i, h.pc, h.instret, e.pc(), e.instret());
            }
        }
        long at = restored.memory().firstDifference(main.vmm().memory());
        if (at >= 0) {
            return String.format(Locale.ROOT, "guest memory differs first at 0x%x", at);
        }
        for (Map.Entry<String, byte[]> e : main.disks().entrySet()) {
            DiskImage d = disks.get(e.getKey());
            if (d instanceof MemoryDisk m && !Arrays.equals(m.contents(), e.getValue())) {
                return "drive " + e.getKey() + " differs";
            }
        }
        return null;
    }

    private static String tail(String text) {
        String t = text.strip();
        return (t.length() > 60 ? "..." + t.substring(t.length() - 60) : t).replace("\n", "\\n");
    }
}
