package org.sysmodels.suite.queue;

/**
 * Closed forms of the M/M/1 queue (Kleinrock, Queueing Systems vol. 1, §3.2), with ρ = λ/μ < 1:
 * L = ρ/(1−ρ) jobs in system, W = 1/(μ−λ) time in system, Wq = ρ/(μ−λ) wait in queue.
 */
record Mm1Formulas(double lambda, double mu) {

    Mm1Formulas {
        if (!(lambda > 0 && mu > lambda)) {
            throw new IllegalArgumentException("M/M/1 needs 0 < λ < μ, got λ=" + lambda + ", μ=" + mu);
        }
    }

    static Mm1Formulas ofMeans(double meanInterarrival, double meanService) {
        return new Mm1Formulas(1 / meanInterarrival, 1 / meanService);
    }

    double rho() {
        return lambda / mu;
    }

    double jobsInSystem() {
        return rho() / (1 - rho());
    }

    double timeInSystem() {
        return 1 / (mu - lambda);
    }

    double waitInQueue() {
        return rho() / (mu - lambda);
    }
}
