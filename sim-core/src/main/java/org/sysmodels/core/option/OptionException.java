package org.sysmodels.core.option;

import org.sysmodels.core.input.UserInputException;

/** A flag's value that does not parse or is out of range: a usage error (exit status 2) naming the flag. */
public final class OptionException extends UserInputException {

    public OptionException(String message) {
        super(message);
    }
}
