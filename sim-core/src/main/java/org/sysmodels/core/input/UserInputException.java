package org.sysmodels.core.input;

/**
 * A mistake in what the user gave us (a flag, a scenario file, a name): the command line prints the message, without a
 * stack trace, and exits with status 2. The message says what was wrong, where, and what is allowed.
 */
public class UserInputException extends Exception {

    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
