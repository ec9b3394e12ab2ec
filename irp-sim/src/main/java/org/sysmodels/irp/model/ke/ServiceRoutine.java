package org.sysmodels.irp.model.ke;

/**
 * KSERVICE_ROUTINE: an interrupt service routine, run at the interrupt's DIRQL.
 * @return true if the device interrupted
 */
@FunctionalInterface
public interface ServiceRoutine {
    boolean isr(KInterrupt interrupt, Object serviceContext);
}
