package org.sysmodels.irp.host.scripted;

import org.sysmodels.irp.model.NtStatus;

/**
 * What one scripted driver does with a read: pass it down (skipping its location, or copying it and setting a
 * completion routine), complete it at once with a status, or mark it pending and complete it later from a DPC
 * (optionally cancelable meanwhile). The quiz and the model-based tests build stacks of these.
 */
public sealed interface Behavior {

    /** "forward with skip", "complete with STATUS_SUCCESS", ... */
    String describe();

    /** IoSkipCurrentIrpStackLocation + IoCallDriver: no location of its own, no completion routine. */
    record Skip() implements Behavior {
        @Override
        public String describe() {
            return "passes the IRP down with IoSkipCurrentIrpStackLocation and returns what IoCallDriver returns";
        }
    }

    /**
     * IoCopyCurrentIrpStackLocationToNext + IoCallDriver, no completion routine: a location of its own, so the I/O
     * manager's walk must carry a lower driver's pending up through it.
     */
    record Copy() implements Behavior {
        @Override
        public String describe() {
            return "copies its location to the next (no completion routine) and returns what IoCallDriver returns";
        }
    }

    /** IoCopyCurrentIrpStackLocationToNext + IoSetCompletionRoutine + IoCallDriver. */
    record Forward(RoutineBehavior routine) implements Behavior {
        @Override
        public String describe() {
            return routine instanceof RoutineBehavior.MoreProcessing
                    ? "copies its location, sets a completion routine, marks the IRP pending, calls down and "
                    + "returns STATUS_PENDING; its completion routine " + routine.describe()
                    : "copies its location, sets a completion routine and returns what IoCallDriver returns; its "
                    + "completion routine " + routine.describe();
        }
    }

    /** Sets IoStatus and calls IoCompleteRequest in the dispatch routine, returning the same status. */
    record Complete(int status) implements Behavior {
        @Override
        public String describe() {
            return "completes the IRP at once with " + NtStatus.name(status);
        }
    }

    /**
     * IoMarkIrpPending, returns STATUS_PENDING, and completes with {@code status} from a DPC {@code afterNs} later;
     * if {@code cancelable}, a cancel routine is set meanwhile (and completes it with STATUS_CANCELLED).
     */
    record Pend(long afterNs, int status, boolean cancelable) implements Behavior {
        @Override
        public String describe() {
            return "marks the IRP pending, returns STATUS_PENDING, and completes it with " + NtStatus.name(status)
                    + " from a DPC " + afterNs / 1000 + " us later" + (cancelable ? " (cancelable meanwhile)" : "");
        }
    }
}
