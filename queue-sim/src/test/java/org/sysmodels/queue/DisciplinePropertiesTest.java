package org.sysmodels.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.sysmodels.core.testing.Props;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.trace.Tracer;
import org.sysmodels.queue.host.Fifo;
import org.sysmodels.queue.model.Discipline;
import org.sysmodels.queue.run.QueueRun;
import org.sysmodels.queue.scenario.QueueScenario;

/** Model-based: random add/take sequences on the reference line against a plain deque; whole runs hold every rule. */
class DisciplinePropertiesTest {

    /** A command: add (value ≥ 0) or take (−1). */
    @Test
    void fifoAgreesWithADequeOnRandomSequences() {
        Props.property().withExamples(300).withShrinkCycles(500)
                .forAll(lists().of(integers().between(-1, 1_000_000)).ofSizeBetween(0, 400))
                .checkAssert(commands -> replay(commands, new Fifo()));
    }

    static void replay(List<Integer> commands, Discipline line) {
        ArrayDeque<Long> reference = new ArrayDeque<>();
        for (int i = 0; i < commands.size(); i++) {
            int c = commands.get(i);
            if (c >= 0) {
                line.add(c);
                reference.addLast((long) c);
            } else if (!reference.isEmpty()) {
                assertEquals(reference.pollFirst(), line.take(), "take at step " + i);
            }
            assertEquals(reference.isEmpty(), line.isEmpty(), "isEmpty at step " + i);
        }
    }

    @Test
    void everyRuleHoldsForTheReferenceAtAnyLoad() {
        Props.property().withExamples(40)
                .forAll(doubles().between(0.01, 0.99), longs().between(1, 50_000), longs().between(1, 5_000),
                        longs().between(0, Long.MAX_VALUE))
                .checkAssert((load, service, jobs, seed) -> {
                    QueueRun.Outcome o = QueueRun.run(new QueueScenario(load, service, jobs), seed, new Fifo(),
                            Optional.empty(), Tracer.off());
                    assertEquals(0, o.findings().violations(), o.findings().list().toString());
                    assertEquals(jobs, o.queue().departed());
                });
    }
}
