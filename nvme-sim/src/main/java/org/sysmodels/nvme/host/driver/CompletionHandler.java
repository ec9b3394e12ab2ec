package org.sysmodels.nvme.host.driver;

/** Receives the entries a {@link QueuePair} reaps from its completion queue. */
@FunctionalInterface
interface CompletionHandler {
    void completion(int qid, int cid, int status, int dw0, int sqhd);
}
