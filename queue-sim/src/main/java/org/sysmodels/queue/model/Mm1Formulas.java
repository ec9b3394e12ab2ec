package org.sysmodels.queue.model;

/**
 * Closed forms of the M/M/1 queue (Kleinrock, Queueing Systems vol. 1, §3.2), with ρ = λ/μ < 1:
 * L = ρ/(1−ρ) jobs in system, W = 1/(μ−λ) time in system, Wq = ρ/(μ−λ) wait in queue.
 */
public record Mm1Formulas(double lambda, double mu) {

    public Mm1Formulas {
        if (!(lambda > 0 && mu > lambda)) {
            throw new IllegalArgumentException("M/M/1 needs 0 < λ < μ, got λ=" + lambda + ", μ=" + mu);
        }
    }

    public static Mm1Formulas ofMeans(double meanInterarrival, double meanService) {
        return new Mm1Formulas(1 / meanInterarrival, 1 / meanService);
    }

    public double rho() {
        return lambda / mu;
    }

    public double jobsInSystem() {
        return rho() / (1 - rho());
    }

    public double timeInSystem() {
        return 1 / (mu - lambda);
    }

    public double waitInQueue() {
        return rho() / (mu - lambda);
    }
}
