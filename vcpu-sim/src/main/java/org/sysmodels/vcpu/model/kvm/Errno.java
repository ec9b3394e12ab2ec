package org.sysmodels.vcpu.model.kvm;

/** The errno values KVM_RUN can fail with here (Linux {@code include/uapi/asm-generic/errno-base.h}, errno.h). */
public final class Errno {

    /** Interrupted: a signal arrived, or immediate_exit was set on entry. */
    public static final int EINTR = 4;
    /** Try again. */
    public static final int EAGAIN = 11;
    /** Bad address. */
    public static final int EFAULT = 14;
    /** Function not implemented: KVM could not emulate an instruction. */
    public static final int ENOSYS = 38;
    /** Operation not supported: e.g. an instruction fetch from guest memory that is not RAM. */
    public static final int EOPNOTSUPP = 95;

    private Errno() {
    }

    public static String name(int errno) {
        return switch (errno) {
            case EINTR -> "EINTR";
            case EAGAIN -> "EAGAIN";
            case EFAULT -> "EFAULT";
            case ENOSYS -> "ENOSYS";
            case EOPNOTSUPP -> "EOPNOTSUPP";
            default -> "errno " + errno;
        };
    }

    /** strerror's text, as Firecracker prints an errno ("Operation not supported (os error 95)"). */
    public static String describe(int errno) {
        String text = switch (errno) {
            case EINTR -> "Interrupted system call";
            case EAGAIN -> "Resource temporarily unavailable";
            case EFAULT -> "Bad address";
            case ENOSYS -> "Function not implemented";
            case EOPNOTSUPP -> "Operation not supported";
            default -> "Unknown error " + errno;
        };
        return text + " (os error " + errno + ")";
    }
}
