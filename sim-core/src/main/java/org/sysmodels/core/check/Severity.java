package org.sysmodels.core.check;

/** How serious a {@link Finding} is. A run with any VIOLATION failed its checks (exit status 1). */
public enum Severity {
    INFO,
    WARNING,
    VIOLATION
}
