/**
 * The host side: the {@link org.sysmodels.nvme.host.Platform} a driver programs (BAR0, host memory, a DMA allocator,
 * MSI-X handlers, timers), the {@link org.sysmodels.nvme.host.BlockDriver} interface a student implements, the
 * reference Linux-style driver, blk-mq (per-CPU software queues, hardware contexts, tags as command identifiers) and
 * a fio-like workload generator.
 *
 * <p>Sources: Linux {@code drivers/nvme/host/pci.c} and {@code core.c} (bring-up order, doorbell batching with
 * {@code bd->last}, timeout handling with Abort then reset), {@code block/blk-mq.c} (software and hardware queues,
 * tags), fio's HOWTO for the workload options. Behaviour is followed; no code is copied.
 */
package org.sysmodels.nvme.host;
