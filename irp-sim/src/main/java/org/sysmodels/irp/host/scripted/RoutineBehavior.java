package org.sysmodels.irp.host.scripted;

import org.sysmodels.irp.model.NtStatus;

/** What a scripted driver's completion routine does. */
public sealed interface RoutineBehavior {

    String describe();

    /**
     * Propagates pending (if Irp.PendingReturned, IoMarkIrpPending), optionally replaces IoStatus.Status, and returns
     * STATUS_CONTINUE_COMPLETION.
     */
    record Continue(Integer newStatus) implements RoutineBehavior {
        @Override
        public String describe() {
            return newStatus == null ? "propagates pending and lets completion continue"
                    : "sets IoStatus.Status = " + NtStatus.name(newStatus) + ", propagates pending and lets "
                    + "completion continue";
        }
    }

    /** The classic bug: lets completion continue without propagating pending. */
    record ContinueWithoutMark(Integer newStatus) implements RoutineBehavior {
        @Override
        public String describe() {
            return (newStatus == null ? "" : "sets IoStatus.Status = " + NtStatus.name(newStatus) + " and ")
                    + "returns STATUS_CONTINUE_COMPLETION without looking at PendingReturned";
        }
    }

    /**
     * Returns STATUS_MORE_PROCESSING_REQUIRED (the IRP is this driver's again) and completes it again from a DPC
     * {@code afterNs} later, with {@code newStatus} if given.
     */
    record MoreProcessing(long afterNs, Integer newStatus) implements RoutineBehavior {
        @Override
        public String describe() {
            return "returns STATUS_MORE_PROCESSING_REQUIRED and completes the IRP again " + afterNs / 1000
                    + " us later from a DPC" + (newStatus == null ? "" : " with " + NtStatus.name(newStatus));
        }
    }
}
