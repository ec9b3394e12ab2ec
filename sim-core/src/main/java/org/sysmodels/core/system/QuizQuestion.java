package org.sysmodels.core.system;

/** A question to predict, and its worked answer (shown with {@code --solve}). */
public record QuizQuestion(String question, String answer) {
}
