package org.sysmodels.core.student;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A complete, commented starter file that compiles and runs as it is ({@code sim <system> --template NAME}).
 *
 * @param name        the name for {@code --template}
 * @param description one line for help
 * @param fileName    the file name the student should save it as ("MyDriver.java"): Java wants the public class's
 *                    name
 * @param text        the file's text
 */
public record Template(String name, String description, String fileName, String text) {

    public Template {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(text, "text");
    }

    /** A template read from a classpath resource next to {@code anchor} (or absolute, starting with '/'). */
    public static Template resource(Class<?> anchor, String name, String description, String fileName,
                                    String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("template resource missing: " + resource);
            }
            return new Template(name, description, fileName, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
