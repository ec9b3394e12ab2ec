package org.sysmodels.nvme.host.block;

/** What the block layer tells the one who submits requests (the workload). */
public interface BlockListener {

    /** The driver finished probing: requests may be submitted. */
    void ready(BlockLayer blk);

    /** The device could not be brought up, or was declared dead. */
    void failed(String reason);

    /** A request finished; {@link Request#status()} says how. */
    void completed(Request rq);
}
