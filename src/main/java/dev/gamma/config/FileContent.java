package dev.gamma.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** The config file's bytes as read, or why they could not be used. */
record FileContent(byte[] bytes, String error) {
    static final int MAX_BYTES = 1024 * 1024;

    /** The bytes read; more than {@link #MAX_BYTES} is an error, not content. */
    static FileContent of(byte[] bytes) {
        return bytes.length > MAX_BYTES
                ? new FileContent(null, "file is larger than " + MAX_BYTES / 1024 + " KiB")
                : new FileContent(bytes, null);
    }

    /** Why a read failed, in an operator's words; Vert.x's file system wraps the JDK's exception. */
    static FileContent unreadable(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof NoSuchFileException) {
            return new FileContent(null, "file not found");
        }
        if (cause instanceof AccessDeniedException) {
            return new FileContent(null, "cannot read the file: permission denied");
        }
        return new FileContent(null, "cannot read the file: " + cause.getMessage());
    }

    /** Read, but holding nothing except white space. */
    boolean isBlank() {
        return bytes != null && new String(bytes, StandardCharsets.UTF_8).isBlank();
    }
}
