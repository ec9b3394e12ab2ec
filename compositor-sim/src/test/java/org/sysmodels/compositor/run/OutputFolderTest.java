package org.sysmodels.compositor.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sysmodels.core.input.UserInputException;

/** --png-dir's check says why a folder cannot be used, not only its path again. */
class OutputFolderTest {

    @Test
    void aFolderThatCannotBeCreatedSaysSo() {
        // /proc refuses new entries with ENOENT, which Java reports as NoSuchFileException carrying only the path
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "a Linux /proc");
        UserInputException e = assertThrows(UserInputException.class,
                () -> OutputFolder.require("--png-dir", Path.of("/proc/sysmodels-x")));
        assertEquals("--png-dir /proc/sysmodels-x: cannot write into it: the folder cannot be created there "
                + "(no such folder above it, or a place that takes no new folders)", e.getMessage());
    }
}
