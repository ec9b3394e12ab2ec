/**
 * The NVMe controller, device side, at register level. {@link org.sysmodels.nvme.model.Controller} is the device as
 * the host sees it over PCIe (BAR0, MSI-X, DMA); its parts are grouped by the chapters of the specification:
 * <ul>
 *   <li>{@code register} — the BAR0 register file and the controller's lifecycle (§3, Resets, §7.6), and the
 *       power-on configuration that CAP and Identify report;
 *   <li>{@code queue} — submission and completion queues, SQEs and CQEs laid out bit-exactly in host memory (§4.1,
 *       §4.2, §4.6);
 *   <li>{@code command} — what happens to a command from fetch to completion, and the admin and NVM command sets
 *       (Command Arbitration, §5, §6);
 *   <li>{@code memory} — host memory as the CPU and the device's DMA see it, and PRPs (§4.3);
 *   <li>{@code interrupt} — MSI-X with coalescing, and command arbitration (Command Arbitration, §5.21.1.8, §7.5);
 *   <li>{@code media} — namespaces, the service model of internal units, the faults a scenario injects;
 *   <li>{@code status} — the completion Status Field and the named status codes (§4.6.1).
 * </ul>
 *
 * <p>Sources: NVM Express Base Specification 1.4 (June 2019) is cited by section number and name ("NVMe 1.4 §5.4
 * Create I/O Submission Queue"); where QEMU's device model ({@code hw/nvme/ctrl.c}) fixes an order the spec leaves
 * open (the order of the Create SQ/CQ checks, the CSTS.CFS conditions on enable), that is cited too. Nothing here
 * is copied from QEMU or any other implementation.
 *
 * <p>Pure and deterministic: time comes from the sim-core scheduler, randomness from named streams. Bad input from
 * the host (a register write, an SQE, a doorbell) never throws out of this package: it completes with the spec's
 * status code, is ignored, or raises the spec's asynchronous event.
 */
package org.sysmodels.nvme.model;
