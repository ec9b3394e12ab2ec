package org.sysmodels.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.system.QuizQuestion;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.queue.host.Fifo;
import org.sysmodels.queue.quiz.QueueQuiz;
import org.sysmodels.queue.run.QueueRun;
import org.sysmodels.queue.scenario.QueueScenario;

/** The kernel check itself: the simulated M/M/1 must agree with queueing theory. */
class QueueSystemTest {

    private static QueueRun.Outcome run(double load, long service, long jobs, long seed) {
        return QueueRun.run(new QueueScenario(load, service, jobs), seed, new Fifo(), Optional.empty(), Tracer.off());
    }

    @Test
    void meanTimeInSystemMatchesTheFormulaAtHalfLoad() {
        QueueRun.Outcome o = run(0.5, 10_000L, 1_000_000L, 1);
        double w = o.queue().timeInSystem().mean();
        assertEquals(o.formulas().timeInSystem(), w, o.formulas().timeInSystem() * 0.02, "W = 1/(μ−λ)");
        assertEquals(o.formulas().waitInQueue(), o.queue().waitInQueue().mean(), o.formulas().waitInQueue() * 0.03,
                "Wq");
        assertEquals(0.5, o.queue().utilisation(), 0.01, "utilisation = ρ");
        assertTrue(o.findings().isEmpty(), "every rule holds");
        assertEquals(3, o.checker().rules().size());
    }

    @Test
    void littlesLawHolds() {
        QueueRun.Outcome o = run(0.7, 5_000L, 500_000L, 2);
        double lambda = o.queue().timeInSystem().count() / (double) o.queue().now();
        double l = lambda * o.queue().timeInSystem().mean();
        assertEquals(o.formulas().jobsInSystem(), l, o.formulas().jobsInSystem() * 0.03, "L = λW");
    }

    @Test
    void quizAnswersAreTheFormulas() {
        List<QuizQuestion> q = QueueQuiz.generate(3);
        assertEquals(3, q.size());
        assertTrue(q.get(0).answer().contains("ρ = λ/μ"), q.get(0).answer());
        assertEquals(q, QueueQuiz.generate(3), "same seed, same questions");
    }

    /** Recomputes the FIFO hand simulation from the numbers in the question and compares every figure. */
    @Test
    void fifoByHandAnswerIsComputedCorrectlyForManySeeds() {
        Pattern numbers = Pattern.compile("arrive at t = (\\d+), (\\d+), (\\d+), (\\d+) µs and need (\\d+), (\\d+), "
                + "(\\d+), (\\d+) µs");
        for (long seed = 1; seed <= 200; seed++) {
            QuizQuestion q = QueueQuiz.generate(seed).get(1);
            Matcher m = numbers.matcher(q.question());
            assertTrue(m.find(), q.question());
            int free = 0;
            int totalWait = 0;
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                int arrive = Integer.parseInt(m.group(1 + i));
                int service = Integer.parseInt(m.group(5 + i));
                int start = Math.max(free, arrive);
                free = start + service;
                totalWait += start - arrive;
                expected.append((char) ('A' + i)).append(" starts at ").append(start).append(", leaves at ")
                        .append(free).append(" (waited ").append(start - arrive).append(" µs). ");
            }
            expected.append(String.format(java.util.Locale.ROOT, "Mean wait = %d/4 = %.2f µs.", totalWait,
                    totalWait / 4.0));
            assertEquals(expected.toString(), q.answer(), "seed " + seed);
        }
    }
}
