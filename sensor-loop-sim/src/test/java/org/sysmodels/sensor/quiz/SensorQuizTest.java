package org.sysmodels.sensor.quiz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.random.RandomStream;
import org.sysmodels.core.system.QuizQuestion;
import org.sysmodels.core.testing.Props;

class SensorQuizTest {

    private static final Pattern TIMES = Pattern.compile("last one arrived at t = (\\d+) ms, and at t = (\\d+) ms");

    /**
     * The frozen-data question's sensor samples as the reference's does (every 6 ms, docs/sensor-loop.md), and the
     * output freezes before the next sample would have come, or "the last fresh sample" would not be the last.
     */
    @Test
    void theFrozenSensorQuestionUsesTheReferenceSamplePeriod() {
        Props.property(500).forAll(longs().all()).checkAssert(seed -> {
            QuizQuestion q = SensorQuiz.safeState(new RandomStream(seed));
            Matcher m = TIMES.matcher(q.question().replaceAll("\\s+", " "));
            assertTrue(m.find(), q.question());
            long gap = Long.parseLong(m.group(2)) - Long.parseLong(m.group(1));
            assertTrue(gap >= 1 && gap < 6, "the freeze comes " + gap + " ms after the last sample: " + q.question());
            assertTrue(q.question().contains("every 6 ms") && q.answer().contains("period, 6 ms")
                    && !q.answer().contains("10.5"), q.answer());
        });
    }
}
