package org.sysmodels.sensor.run;

/** A student's firmware constructor failed at a reset: the run stops with the finding it carries. */
final class FirmwareConstructionFailed extends RuntimeException {

    final transient org.sysmodels.core.check.Finding finding;

    FirmwareConstructionFailed(org.sysmodels.core.check.Finding finding) {
        super(finding.message(), null, false, false);
        this.finding = finding;
    }
}
