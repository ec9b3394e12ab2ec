package org.sysmodels.suite.cli;

import java.io.PrintWriter;
import java.util.List;
import org.sysmodels.core.system.QuizQuestion;

/** Prints quiz questions, OSTEP style: the same seed gives the same questions; --solve adds the answers. */
final class QuizPrinter {

    private static final int WIDTH = 100;

    private QuizPrinter() {
    }

    static void print(PrintWriter out, String system, long seed, List<QuizQuestion> questions, boolean solve) {
        out.println(system + " quiz, seed " + seed + (solve ? " (with answers)" : ""));
        for (int i = 0; i < questions.size(); i++) {
            out.println();
            wrap(out, "Q" + (i + 1) + ". ", questions.get(i).question());
            if (solve) {
                wrap(out, "A" + (i + 1) + ". ", questions.get(i).answer());
            }
        }
        out.println();
        if (!solve) {
            out.println("Predict, then check: sim " + system + " --solve --seed " + seed);
        }
        out.flush();
    }

    static void wrap(PrintWriter out, String label, String text) {
        String indent = " ".repeat(label.length());
        StringBuilder line = new StringBuilder(label);
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > WIDTH && line.length() > label.length()) {
                out.println(line.toString().stripTrailing());
                line = new StringBuilder(indent);
            }
            line.append(word).append(' ');
        }
        out.println(line.toString().stripTrailing());
    }
}
