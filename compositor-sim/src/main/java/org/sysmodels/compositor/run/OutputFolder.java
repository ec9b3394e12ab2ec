package org.sysmodels.compositor.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sysmodels.core.input.UserInputException;

/**
 * A folder a run writes PNG files into, checked before the run starts: a path that is a file, or a place that cannot
 * be written, is a usage error naming the path and the reason, never a crash after the run.
 */
final class OutputFolder {

    private OutputFolder() {
    }

    static Path require(String flag, Path dir) throws UserInputException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserInputException(flag + " " + dir + ": is a file, not a folder; give a folder name (it is "
                    + "created if missing)");
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".sim-write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new UserInputException(flag + " " + dir + ": cannot write into it: " + reason(e));
        }
        return dir;
    }

    private static String reason(Exception e) {
        return switch (e.getClass().getSimpleName()) {
            case "AccessDeniedException" -> "permission denied";
            case "FileAlreadyExistsException" -> "a file is in the way";
            // its message is only the path again (ENOENT: a missing parent, or a place such as /proc)
            case "NoSuchFileException" -> "the folder cannot be created there (no such folder above it, or a place "
                    + "that takes no new folders)";
            case "FileSystemException", "NotDirectoryException" -> "a part of the path is a file, not a folder";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
