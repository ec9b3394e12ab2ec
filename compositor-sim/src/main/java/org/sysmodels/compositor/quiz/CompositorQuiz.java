package org.sysmodels.compositor.quiz;

import java.util.List;
import org.sysmodels.core.random.RandomStreams;
import org.sysmodels.core.system.QuizQuestion;

/**
 * OSTEP-style questions generated from a seed, answered by the model itself: which layers validate puts on planes,
 * what a pixel becomes after blending, and which frame is on screen at a given vsync.
 */
public final class CompositorQuiz {

    private CompositorQuiz() {
    }

    public static List<QuizQuestion> generate(long seed) {
        RandomStreams r = new RandomStreams(seed);
        return List.of(PlaneQuestion.generate(r.stream("compositor/quiz/planes")),
                PixelQuestion.generate(r.stream("compositor/quiz/pixel")),
                VsyncQuestion.generate(r.stream("compositor/quiz/vsync")));
    }
}
