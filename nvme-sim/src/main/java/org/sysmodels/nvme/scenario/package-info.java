/**
 * Scenarios: the records a scenario file is read into (device, host, workload, faults), the packaged demo scenarios,
 * the bug labs, and {@link org.sysmodels.nvme.scenario.Simulation}, which assembles and runs one.
 */
package org.sysmodels.nvme.scenario;
