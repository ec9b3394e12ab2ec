/**
 * Run-time checks, one rule per class ({@link org.sysmodels.nvme.check.NvmeCheck}): the invariants a correct driver
 * and device keep, checked while a run goes on, each broken one a {@link org.sysmodels.core.check.Finding} that
 * names its rule and the rule's source, instead of an exception. {@link org.sysmodels.nvme.check.NvmeChecks} is a
 * run's checker and the one observer the controller, host memory, the allocator, blk-mq, the workload and the driver
 * report to, so a student's own driver is checked the same way as the reference one.
 */
package org.sysmodels.nvme.check;
