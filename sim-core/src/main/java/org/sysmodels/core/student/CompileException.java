package org.sysmodels.core.student;

import java.util.List;
import org.sysmodels.core.input.UserInputException;

/**
 * A student's source file does not compile, or does not define what the slot needs: each problem on its own line as
 * {@code File.java:line:col: message}, as javac prints it. A usage error (exit status 2).
 */
public final class CompileException extends UserInputException {

    private final List<String> problems;

    public CompileException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
