package org.sysmodels.nvme.host.block;

/**
 * A completion blk-mq did not act on: the driver handed back a request that was not in flight, because blk-mq had
 * already ended it (a second completion of the same request) or because there was no request at all (null).
 *
 * @param driver the driver's class, as the student wrote it
 * @param request the request's id, or -1 for null
 * @param hctx the hardware queue it last ran on, or -1
 * @param tag the tag it last held there, or -1
 * @param state where the request is now ("idle", "queued to be issued again", "null")
 */
public record StaleCompletion(String driver, int request, int hctx, int tag, String state) {

    static StaleCompletion of(BlockDriver driver, Request rq) {
        String name = driver == null ? "the driver" : driver.getClass().getSimpleName();
        if (rq == null) {
            return new StaleCompletion(name, -1, -1, -1, "null");
        }
        String state = rq.state == Request.QUEUED ? "queued to be issued again" : "idle";
        return new StaleCompletion(name, rq.id, rq.hctx, rq.lastTag, state);
    }
}
