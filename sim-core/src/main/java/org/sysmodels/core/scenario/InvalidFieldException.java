package org.sysmodels.core.scenario;

/**
 * Thrown by a scenario record's compact constructor when a field's value, or its combination with other fields, is not
 * allowed. {@link ScenarioLoader} turns it into a {@link ScenarioException} located at that field.
 */
public final class InvalidFieldException extends IllegalArgumentException {

    private final String field;

    /** @param field the record component at fault, by its JSON name */
    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
