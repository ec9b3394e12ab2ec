package org.sysmodels.queue.run;

import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.sysmodels.core.lab.BugLab;
import org.sysmodels.queue.check.EveryJobDeparts;
import org.sysmodels.queue.check.FifoOrder;
import org.sysmodels.queue.host.labs.FixedRing;
import org.sysmodels.queue.host.labs.Lifo;
import org.sysmodels.queue.model.Discipline;
import org.sysmodels.queue.scenario.QueueScenario;

/** The bug labs of {@code sim queue}, each a variant of the waiting line beside the reference {@code Fifo}. */
public final class QueueLabs {

    /** A lab, the buggy line it runs, and how it sets up the scenario to show the bug (before the user's flags). */
    public record Lab(BugLab lab, Supplier<Discipline> line, UnaryOperator<QueueScenario> setup) {
    }

    public static final List<Lab> ALL = List.of(
            new Lab(new BugLab("lifo", "the waiting line is a stack: the newest job is served first",
                    FifoOrder.RULE, "take from the head of the line, where the oldest job is (a ring's head index),"
                    + " not from the end where the newest was added"), Lifo::new, UnaryOperator.identity()),
            new Lab(new BugLab("fixed-ring", "the waiting line is a 16-slot ring that overwrites its oldest job "
                    + "when full", EveryJobDeparts.RULE, "grow the ring when it is full (or refuse the job and count"
                    + " it as lost, which M/M/1 does not allow)", List.of("--load 0.9, so the line grows past 16")),
                    FixedRing::new, s -> new QueueScenario(0.9, s.meanService(), s.jobs())));

    private QueueLabs() {
    }

    public static List<BugLab> labs() {
        return ALL.stream().map(Lab::lab).toList();
    }

    public static Lab byName(String name) {
        return ALL.stream().filter(l -> l.lab().name().equals(name)).findFirst().orElseThrow();
    }
}
