package org.sysmodels.vcpu.model.vcpu;

/**
 * How the Firecracker process ends (Firecracker {@code src/vmm/src/lib.rs}, {@code FcExitCode}): the process exit
 * status is this code as a u8. The signal codes come from {@code signal_handler.rs}.
 */
public enum FcExitCode {
    OK(0, "normal stop"),
    GENERIC_ERROR(1, "generic error"),
    UNEXPECTED_ERROR(2, "not possible if the logic is sound"),
    BAD_SYSCALL(148, "a seccomp filter blocked a system call (SIGSYS)"),
    SIGBUS(149, "SIGBUS"),
    SIGSEGV(150, "SIGSEGV"),
    SIGXFSZ(151, "SIGXFSZ"),
    BAD_CONFIGURATION(152, "bad configuration"),
    ARG_PARSING(153, "command-line parsing failed"),
    SIGXCPU(154, "SIGXCPU"),
    SIGPIPE(155, "SIGPIPE"),
    SIGHUP(156, "SIGHUP"),
    SIGILL(157, "SIGILL");

    private final int code;
    private final String meaning;

    FcExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The Rust spelling, as logs print it ("Ok", "GenericError"). */
    public String rustName() {
        return switch (this) {
            case OK -> "Ok";
            case GENERIC_ERROR -> "GenericError";
            case UNEXPECTED_ERROR -> "UnexpectedError";
            case BAD_SYSCALL -> "BadSyscall";
            case BAD_CONFIGURATION -> "BadConfiguration";
            case ARG_PARSING -> "ArgParsing";
            default -> name();
        };
    }
}
