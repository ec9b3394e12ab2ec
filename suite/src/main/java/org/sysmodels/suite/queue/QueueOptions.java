package org.sysmodels.suite.queue;

import picocli.CommandLine.Option;

/** The queue's own flags; each overrides the scenario's field of the same name. */
public final class QueueOptions {

    @Option(names = "--load", paramLabel = "RHO", description = "Offered load ρ = λ/μ, in (0, 1). Default 0.5.")
    Double load;

    @Option(names = "--mean-service", paramLabel = "TIME", description = "Mean service time, e.g. 10us. Default 10us.")
    String meanService;

    @Option(names = "--jobs", paramLabel = "N", description = "Number of jobs. Default 200000.")
    Long jobs;
}
