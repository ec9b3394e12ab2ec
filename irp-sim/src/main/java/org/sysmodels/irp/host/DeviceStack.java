package org.sysmodels.irp.host;

import java.util.ArrayList;
import java.util.List;
import org.sysmodels.irp.host.drivers.RootBus;
import org.sysmodels.irp.model.NtStatus;
import org.sysmodels.irp.model.hal.SimulatedDevice;
import org.sysmodels.irp.model.io.DeviceNotStarted;
import org.sysmodels.irp.model.io.DeviceObject;
import org.sysmodels.irp.model.io.DriverObject;
import org.sysmodels.irp.model.io.IoDevices;
import org.sysmodels.irp.model.io.Kernel;
import org.sysmodels.irp.model.io.PnpManager;
import org.sysmodels.irp.wdm.WdmDriver;

/**
 * One PnP device stack, built as Windows builds it: the root bus enumerates a PDO (with a simulated controller behind
 * it, or none), the PnP manager loads each driver and calls AddDevice bottom-up (lower filters, the function driver,
 * upper filters), then sends IRP_MN_START_DEVICE with the controller as the device's resources. The shape is
 * PDO ← lower filters ← FDO ← upper filters.
 */
public final class DeviceStack {

    /** A driver in the stack and where it sits. */
    public record Member(String name, Position position, WdmDriver driver, DriverObject object) {
    }

    /** Where a driver sits in the stack. */
    public enum Position {
        BUS, LOWER, FUNCTION, UPPER;

        /** "upper", as on the command line. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Kernel kernel;
    private final List<Member> members;
    private final DeviceObject pdo;
    private final SimulatedDevice hardware;
    private final IoDevices devices;
    private final List<DeviceObject> started;

    private DeviceStack(Kernel kernel, List<Member> members, DeviceObject pdo, SimulatedDevice hardware) {
        this.kernel = kernel;
        this.devices = kernel.io().devices();
        this.members = List.copyOf(members);
        this.pdo = pdo;
        this.hardware = hardware;
        this.started = List.copyOf(devices());
    }

    /** Starts describing a stack on {@code kernel}. */
    public static Builder on(Kernel kernel) {
        return new Builder(kernel);
    }

    /** Describes a stack: drivers by position, bottom-up within each position. */
    public static final class Builder {
        private final Kernel kernel;
        private final List<Member> lower = new ArrayList<>();
        private final List<Member> upper = new ArrayList<>();
        private Member function;
        private SimulatedDevice hardware;
        private String deviceName = "\\Device\\00000001";
        private RootBus bus;

        private Builder(Kernel kernel) {
            this.kernel = kernel;
        }

        public Builder lower(String name, WdmDriver d) {
            lower.add(new Member(name, Position.LOWER, d, null));
            return this;
        }

        public Builder function(String name, WdmDriver d) {
            function = new Member(name, Position.FUNCTION, d, null);
            return this;
        }

        /** Upper filters, bottom-up: the last one added is the top of the stack. */
        public Builder upper(String name, WdmDriver d) {
            upper.add(new Member(name, Position.UPPER, d, null));
            return this;
        }

        public Builder hardware(SimulatedDevice hw) {
            hardware = hw;
            return this;
        }

        public Builder bus(RootBus b) {
            bus = b;
            return this;
        }

        public Builder pdoName(String name) {
            deviceName = name;
            return this;
        }

        /** Loads the drivers, builds and starts the stack, in system worker 0 at PASSIVE_LEVEL. */
        public DeviceStack build() {
            if (function == null) {
                throw new IllegalStateException("a device stack needs a function driver");
            }
            List<Member> loaded = new ArrayList<>();
            DeviceObject[] pdo = new DeviceObject[1];
            kernel.runThread(kernel.systemWorker(0), () -> {
                PnpManager pnp = new PnpManager(kernel);
                RootBus rootBus = bus != null ? bus : new RootBus();
                loaded.add(load(pnp, new Member("PnpManager", Position.BUS, rootBus, null)));
                pdo[0] = rootBus.createPdo(loaded.get(0).object(), deviceName, hardware);
                List<DriverObject> bottomUp = new ArrayList<>();
                for (Member m : lower) {
                    Member l = load(pnp, m);
                    loaded.add(l);
                    bottomUp.add(l.object());
                }
                Member f = load(pnp, function);
                loaded.add(f);
                bottomUp.add(f.object());
                for (Member m : upper) {
                    Member l = load(pnp, m);
                    loaded.add(l);
                    bottomUp.add(l.object());
                }
                pnp.addDevice(pdo[0], bottomUp);
                int status = pnp.startDevice(pdo[0], hardware);
                if (!NtStatus.isSuccess(status)) {
                    throw new DeviceNotStarted(DeviceNotStarted.Problem.START_DEVICE, "the device stack", status);
                }
            });
            return new DeviceStack(kernel, loaded, pdo[0], hardware);
        }

        private Member load(PnpManager pnp, Member m) {
            m.driver().attach(kernel);
            DriverObject o = pnp.loadDriver("\\Driver\\" + m.name(), m.driver(), m.driver()::DriverEntry);
            return new Member(m.name(), m.position(), m.driver(), o);
        }
    }

    public Kernel kernel() {
        return kernel;
    }

    /** The drivers bottom-up, bus first. */
    public List<Member> members() {
        return members;
    }

    public DeviceObject pdo() {
        return pdo;
    }

    /** Where requests enter: the top of the stack. */
    public DeviceObject top() {
        return devices.IoGetAttachedDevice(pdo);
    }

    /** The device objects bottom-up. */
    public List<DeviceObject> devices() {
        List<DeviceObject> out = new ArrayList<>();
        for (DeviceObject d = pdo; d != null; d = d.AttachedDevice()) {
            out.add(d);
        }
        return out;
    }

    /** The device objects bottom-up as IRP_MN_START_DEVICE left them (before any removal). */
    public List<DeviceObject> started() {
        return started;
    }

    public SimulatedDevice hardware() {
        return hardware;
    }

    /** The member whose driver object is {@code d}. */
    public Member member(DriverObject d) {
        return members.stream().filter(m -> m.object() == d).findFirst().orElse(null);
    }

    /** Sends IRP_MN_REMOVE_DEVICE (in system worker 0). @return the final status */
    public int remove() {
        int[] status = new int[1];
        kernel.runThread(kernel.systemWorker(0), () -> status[0] = new PnpManager(kernel).removeDevice(pdo));
        return status[0];
    }
}
