/**
 * The NVMe controller, device side, at register level: the BAR0 register file and its state machine, host memory as
 * the device sees it through DMA, submission and completion queues laid out bit-exactly in that memory, PRP walking,
 * namespaces, the admin and NVM command handlers, MSI-X interrupts with coalescing, arbitration and a service model.
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
