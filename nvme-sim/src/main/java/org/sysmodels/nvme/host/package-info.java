/**
 * The host side, split by layer as in Linux:
 * <ul>
 *   <li>{@code platform} — what a driver may touch: the {@link org.sysmodels.nvme.host.platform.Platform} (BAR0, host
 *       memory, the DMA allocator, MSI-X handlers, timers), and {@code RawHost}, a register-level host for
 *       experiments;
 *   <li>{@code block} — blk-mq: requests, tags, per-CPU software queues and hardware contexts, and the
 *       {@link org.sysmodels.nvme.host.block.BlockDriver} interface a driver (the reference, or a student's)
 *       implements;
 *   <li>{@code driver} — the reference Linux-style NVMe driver, its bring-up, its queue pairs, and the threaded host
 *       loop;
 *   <li>{@code workload} — the fio-like load generator;
 *   <li>{@code labs} — the bug-lab variants of the reference driver, one mistake each.
 * </ul>
 *
 * <p>Sources: Linux {@code drivers/nvme/host/pci.c} and {@code core.c} (bring-up order, doorbell batching with
 * {@code bd->last}, timeout handling with Abort then reset), {@code block/blk-mq.c} (software and hardware queues,
 * tags), fio's HOWTO for the workload options. Behaviour is followed; no code is copied.
 */
package org.sysmodels.nvme.host;
