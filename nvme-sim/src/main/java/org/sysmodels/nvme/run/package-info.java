/**
 * Runs: a scenario wired to a controller, a platform, a driver (the reference, a bug lab's variant, or a student's),
 * blk-mq, the workload and every check ({@link org.sysmodels.nvme.run.Simulation}); the threaded mode; the
 * queue-depth sweep; the bug labs, the grading battery, the flags, the report and the tour section.
 */
package org.sysmodels.nvme.run;
