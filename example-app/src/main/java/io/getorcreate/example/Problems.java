package io.getorcreate.example;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Says in plain words why a file cannot be read or written, instead of an exception's bare file name. */
final class Problems {
    private Problems() {}

    /** Why {@code file} cannot be read, or null if nothing is visibly wrong before trying. */
    static String beforeReading(Path file) {
        if (Files.isDirectory(file)) {
            return "it is a directory, not a file";
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
            return parent + " is not a directory";
        }
        return null;
    }

    /** Why {@code file} cannot be written, or null if nothing is visibly wrong before trying. */
    static String beforeWriting(Path file) {
        if (Files.isDirectory(file)) {
            return "it is a directory, not a file";
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null) {
            return null;
        }
        for (Path p = parent; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    return p + " is not a directory";
                }
                break;
            }
        }
        if (!Files.exists(parent)) {
            return "the directory " + parent + " does not exist";
        }
        return null;
    }

    /** What went wrong reading a file, in plain words. */
    static String reading(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "the file does not exist";
        }
        return common(e);
    }

    /** What went wrong writing a file (or a temporary file beside it), in plain words. */
    static String writing(IOException e) {
        if (e instanceof NoSuchFileException) {
            // Its directory was there a moment before (see beforeWriting): gone, or one that takes no files.
            return "cannot create a file in its directory";
        }
        return common(e);
    }

    private static String common(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "it is not UTF-8 text";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            // The operating system's own words ("Read-only file system", "No space left on device").
            String reason = f.getReason();
            return reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
