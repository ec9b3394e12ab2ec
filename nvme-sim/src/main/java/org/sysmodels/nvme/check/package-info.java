/**
 * Run-time checks: the invariants a correct driver and device keep, checked while a run goes on, each broken one
 * becoming a {@link org.sysmodels.core.check.Finding} (a VIOLATION fails the run) instead of an exception. They hook
 * in through the observer interfaces of the controller, the driver, the DMA allocator, host memory and the workload,
 * so a student's own driver is checked the same way as the reference one.
 */
package org.sysmodels.nvme.check;
