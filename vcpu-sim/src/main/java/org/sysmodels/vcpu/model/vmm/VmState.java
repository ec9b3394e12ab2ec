package org.sysmodels.vcpu.model.vmm;

/** The microVM's state in GET / (Firecracker {@code vmm_config/instance_info.rs}, serialized by its Display). */
public enum VmState {
    NOT_STARTED("Not started"),
    RUNNING("Running"),
    PAUSED("Paused");

    private final String text;

    VmState(String text) {
        this.text = text;
    }

    /** As the API shows it: "Not started", "Running", "Paused". */
    public String text() {
        return text;
    }
}
