package org.sysmodels.irp.check;

import org.sysmodels.core.check.Rule;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.Stop;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.RoutineFrame;
import org.sysmodels.irp.model.io.RoutineKind;

/**
 * AddDevice clears DO_DEVICE_INITIALIZING on the device object it created. The I/O manager sets the flag in
 * IoCreateDevice and clears it itself only for device objects made in DriverEntry; while it is set, nobody can open
 * the device by name and no driver can attach above it (IoAttachDeviceToDeviceStack returns NULL), so the upper
 * filters' AddDevice fails and the device does not start. Windows raises no bug check: Code Analysis flags it as
 * warning C28152 at compile time, and DRIVER_ADD_DEVICE carries {@code _Kernel_clear_do_init_(yes)}.
 */
public final class DeviceInitializingNotCleared extends VerifierCheck {

    public static final Rule RULE = new Rule("device-initializing-not-cleared",
            "an AddDevice routine that succeeds clears DO_DEVICE_INITIALIZING on the device object it created "
                    + "(Code Analysis warning C28152); until then nothing can attach above it or open it",
            "WDK Code Analysis warning C28152; Microsoft, \"What does DO_DEVICE_INITIALIZING really do?\"; ReactOS "
                    + "ntoskrnl/io/iomgr/device.c IopAttachDeviceToDeviceStackSafe");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public int exitKinds() {
        return IrpCheck.kind(RoutineKind.ADD_DEVICE);
    }

    @Override
    public void onRoutineExit(RoutineFrame f, int status) {
        if (f.kind() != RoutineKind.ADD_DEVICE || !NtStatus.isSuccess(status)) {
            return;
        }
        for (DeviceObject d : f.driver().DeviceObject()) {
            if ((d.Flags & DeviceObject.DO_DEVICE_INITIALIZING) != 0 && !d.deleted()) {
                violation(new Stop.WdkRule("AddDevice returned with DO_DEVICE_INITIALIZING still set"), who(f)
                        + " returned " + NtStatus.describe(status) + " with its device object " + d + " still "
                        + "flagged DO_DEVICE_INITIALIZING: the I/O manager will not attach another device above it "
                        + "(IoAttachDeviceToDeviceStack returns NULL to the next driver's AddDevice) nor open it by "
                        + "name; clear it as AddDevice's last step (DeviceObject->Flags &= "
                        + "~DO_DEVICE_INITIALIZING)");
                return;
            }
        }
    }
}
