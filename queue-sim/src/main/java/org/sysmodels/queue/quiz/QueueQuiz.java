package org.sysmodels.queue.quiz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.system.QuizQuestion;
import org.sysmodels.queue.model.Mm1Formulas;

/**
 * OSTEP-style questions about queues, generated from a seed: predict, then check with {@code --solve}.
 * One on the M/M/1 formulas, one on hand-simulating a FIFO server, one on Little's law (L = λW).
 */
public final class QueueQuiz {

    private QueueQuiz() {
    }

    public static List<QuizQuestion> generate(long seed) {
        RandomStream r = new RandomStreams(seed).stream("queue/quiz");
        List<QuizQuestion> out = new ArrayList<>();
        out.add(formulas(r));
        out.add(fifoByHand(r));
        out.add(little(r));
        return out;
    }

    private static QuizQuestion formulas(RandomStream r) {
        int mu = 10 * (int) r.uniform(2, 10);
        int lambda = (int) Math.round(mu * (0.1 * r.uniform(3, 9)));
        Mm1Formulas f = new Mm1Formulas(lambda, mu);
        String q = String.format(Locale.ROOT, "Jobs arrive as a Poisson stream at λ = %d per ms; one server takes an "
                + "exponential time with mean 1/μ, μ = %d per ms, first come first served (M/M/1). What are the "
                + "utilisation ρ, the mean number of jobs in the system L, and the mean time a job spends in the "
                + "system W?", lambda, mu);
        String a = String.format(Locale.ROOT, "ρ = λ/μ = %d/%d = %.3f. L = ρ/(1−ρ) = %.3f jobs. "
                + "W = 1/(μ−λ) = 1/%d ms = %.1f µs (of which waiting Wq = ρ/(μ−λ) = %.1f µs). "
                + "Check with Little's law: L = λW = %d/ms × %.1f µs = %.3f.",
                lambda, mu, f.rho(), f.jobsInSystem(), mu - lambda, f.timeInSystem() * 1000,
                f.waitInQueue() * 1000, lambda, f.timeInSystem() * 1000, lambda * f.timeInSystem());
        return new QuizQuestion(q, a);
    }

    private static QuizQuestion fifoByHand(RandomStream r) {
        int n = 4;
        int[] arrive = new int[n];
        int[] service = new int[n];
        int t = 0;
        for (int i = 0; i < n; i++) {
            t += i == 0 ? 0 : (int) r.uniform(0, 5);
            arrive[i] = t;
            service[i] = (int) r.uniform(1, 6);
        }
        StringBuilder q = new StringBuilder("One FIFO server. Jobs A, B, C, D arrive at t = ");
        StringBuilder a = new StringBuilder();
        int free = 0;
        long totalWait = 0;
        for (int i = 0; i < n; i++) {
            char name = (char) ('A' + i);
            q.append(arrive[i]).append(i < n - 1 ? ", " : " µs ");
            int start = Math.max(free, arrive[i]);
            free = start + service[i];
            totalWait += start - arrive[i];
            a.append(String.format(Locale.ROOT, "%c starts at %d, leaves at %d (waited %d µs). ", name, start, free,
                    start - arrive[i]));
        }
        q.append("and need ");
        for (int i = 0; i < n; i++) {
            q.append(service[i]).append(i < n - 1 ? ", " : " µs of service. ");
        }
        q.append("When does each job leave, and what is the mean wait?");
        a.append(String.format(Locale.ROOT, "Mean wait = %d/4 = %.2f µs.", totalWait, totalWait / 4.0));
        return new QuizQuestion(q.toString(), a.toString());
    }

    private static QuizQuestion little(RandomStream r) {
        int throughput = 1000 * (int) r.uniform(10, 200);
        int latencyUs = 10 * (int) r.uniform(5, 100);
        double inFlight = throughput * latencyUs / 1e6;
        String q = String.format(Locale.ROOT, "A storage device completes %,d requests per second and each request "
                + "takes %d µs on average from submission to completion. How many requests are in flight on average?",
                throughput, latencyUs);
        String a = String.format(Locale.ROOT, "Little's law, L = λW, holds for any stable system whatever the "
                + "distributions: L = %,d/s × %d µs = %.1f requests in flight. This is why a device needs a deep "
                + "queue to reach its rated IOPS.", throughput, latencyUs, inFlight);
        return new QuizQuestion(q, a);
    }
}
