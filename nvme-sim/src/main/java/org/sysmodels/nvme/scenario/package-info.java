/**
 * Scenarios: the records a scenario file is read into (device, host, workload, faults), with their defaults and
 * ranges, and the catalog of packaged scenarios ({@link org.sysmodels.nvme.scenario.NvmeScenarios}). Loading is
 * sim-core's strict {@code ScenarioLoader}; running one is {@code run/}'s.
 */
package org.sysmodels.nvme.scenario;
