package dev.gamma.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/** The config file's bytes as last read, or why it could not be read. Reading blocks: call it off the event loop. */
final class FileState {
    static final long MAX_BYTES = 1024 * 1024;

    private final byte[] bytes;
    private final String error;

    private FileState(byte[] bytes, String error) {
        this.bytes = bytes;
        this.error = error;
    }

    static FileState read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                return new FileState(null, "file is larger than " + MAX_BYTES / 1024 + " KiB");
            }
            return new FileState(Files.readAllBytes(file), null);
        } catch (NoSuchFileException e) {
            return new FileState(null, "file not found");
        } catch (AccessDeniedException e) {
            return new FileState(null, "cannot read the file: permission denied");
        } catch (IOException e) {
            return new FileState(null, "cannot read the file: " + e.getMessage());
        }
    }

    /** The file's content, or null when it could not be read. */
    byte[] bytes() {
        return bytes;
    }

    /** Why the file could not be read, or null. */
    String error() {
        return error;
    }

    /** Read, but holding nothing except white space. */
    boolean isBlank() {
        return bytes != null && new String(bytes, StandardCharsets.UTF_8).isBlank();
    }

    boolean sameAs(FileState other) {
        return other != null && Arrays.equals(bytes, other.bytes) && Objects.equals(error, other.error);
    }
}
