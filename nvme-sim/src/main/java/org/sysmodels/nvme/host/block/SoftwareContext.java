package org.sysmodels.nvme.host.block;

/** A CPU's software staging queue and the hardware context it maps to (Linux {@code struct blk_mq_ctx}). */
record SoftwareContext(RequestQueue queue, HardwareContext hctx) {
}
