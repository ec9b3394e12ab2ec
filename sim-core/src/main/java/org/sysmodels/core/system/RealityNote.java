package org.sysmodels.core.system;

/** A sourced fact about the real system, often correcting a popular claim. */
public record RealityNote(String text, String source) {
}
