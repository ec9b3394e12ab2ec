package org.sysmodels.core.run;

import java.nio.file.Path;

/** A file a run wrote into its output directory (a frame PNG, a contact sheet), for the report to link. */
public record Artifact(Path file, String description) {
}
