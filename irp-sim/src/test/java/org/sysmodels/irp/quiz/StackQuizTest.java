package org.sysmodels.irp.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.system.QuizQuestion;

class StackQuizTest {

    @Test
    void sameSeedSameQuestionsAndAnswers() {
        List<QuizQuestion> a = StackQuiz.generate(5);
        List<QuizQuestion> b = StackQuiz.generate(5);
        assertEquals(a, b);
        assertEquals(3, a.size());
        for (QuizQuestion q : a) {
            assertTrue(q.answer().contains("(a)") && q.answer().contains("(d)"), q.answer());
        }
    }
}
