package org.sysmodels.suite.report;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.sysmodels.core.input.UserInputException;

/**
 * Checks, before a run starts, that the files a user asked for can be written, so a mistake in a path is a usage
 * error at once (exit status 2, naming the path and the reason) and never a crash after a long run.
 */
public final class OutputPaths {

    private OutputPaths() {
    }

    /** A file to be written (e.g. {@code --trace out.json}): its folder is created; the file must be writable. */
    public static void requireWritableFile(String flag, Path file) throws UserInputException {
        requireNonEmpty(flag, file, "a file name such as trace.json");
        if (Files.isDirectory(file)) {
            throw new UserInputException(flag + " " + file + ": is a directory; give a file name such as "
                    + file.resolve("trace.json"));
        }
        Path parent = file.toAbsolutePath().getParent();
        createFolder(flag, file, parent);
        boolean existed = Files.exists(file);
        try {
            Files.newByteChannel(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
            if (!existed) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UserInputException(flag + " " + file + ": cannot be written: " + reason(e));
        }
    }

    /** A folder to be written into (e.g. {@code --report DIR}): created if missing; it must be writable. */
    public static void requireWritableFolder(String flag, Path dir) throws UserInputException {
        requireNonEmpty(flag, dir, "a folder name such as report");
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserInputException(flag + " " + dir + ": is a file, not a folder; give a folder name "
                    + "(it is created if missing)");
        }
        createFolder(flag, dir, dir.toAbsolutePath());
        try {
            Path probe = Files.createTempFile(dir, ".sim-write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new UserInputException(flag + " " + dir + ": cannot write into it: " + reason(e));
        }
    }

    /** An empty path (an unset shell variable) would mean the current folder; it is refused, not guessed at. */
    private static void requireNonEmpty(String flag, Path path, String example) throws UserInputException {
        if (path.toString().isBlank()) {
            throw new UserInputException(flag + ": must not be empty; give " + example);
        }
    }

    private static void createFolder(String flag, Path asked, Path folder) throws UserInputException {
        if (folder == null || Files.isDirectory(folder)) {
            return;
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UserInputException(flag + " " + asked + ": cannot create the folder " + folder + ": "
                    + reason(e));
        }
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        String name = e.getClass().getSimpleName();
        return switch (name) {
            case "AccessDeniedException" -> "permission denied";
            case "NoSuchFileException" -> "no such folder";
            case "FileAlreadyExistsException" -> "a file of that name is in the way";
            case "NotDirectoryException" -> "a part of the path is a file, not a folder";
            default -> e.getMessage() == null ? name : e.getMessage();
        };
    }
}
