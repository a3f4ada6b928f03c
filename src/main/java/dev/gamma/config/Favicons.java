package dev.gamma.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Server-list icons: a PNG file (path relative to the config file's directory) becomes the
 * {@code data:image/png;base64,...} URI the status response carries; a URI written directly is checked the same way.
 *
 * <p>The config file, written by the operator, may name any file. A route from the admin API may only name a
 * file under the config file's directory, and every way of missing one gets the same answer: an API caller
 * learns nothing about the rest of the file system, not even whether a file exists.
 */
final class Favicons {
    static final String PREFIX = "data:image/png;base64,";
    /** The status JSON is one string of at most 32767 characters; base64 grows the icon by a third. */
    static final int MAX_BYTES = 20 * 1024;
    static final String NOT_UNDER_BASE = "no PNG file by that name under the configuration directory: give a path"
            + " relative to it (without ..) of a 64x64 PNG of at most 20 KiB, or a " + PREFIX + " URI";
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final Path baseDir;
    private final boolean confined;

    private Favicons(Path baseDir, boolean confined) {
        this.baseDir = baseDir;
        this.confined = confined;
    }

    /** For the config file: a path relative to {@code baseDir}, the config file's directory, or absolute. */
    static Favicons forConfigFile(Path baseDir) {
        return new Favicons(baseDir, false);
    }

    /** For a route from the admin API: a path under {@code baseDir} only, symbolic links followed. */
    static Favicons confinedTo(Path baseDir) {
        return new Favicons(baseDir, true);
    }

    /** "" stays ""; otherwise a data URI or a file path, turned into a checked data URI. */
    String dataUri(String value) {
        String v = value.strip();
        if (v.isEmpty()) {
            return "";
        }
        byte[] png = v.startsWith("data:") ? decode(v) : confined ? readConfined(v) : read(v);
        if (confined && !v.startsWith("data:")) {
            try {
                check(v, png);
            } catch (IllegalArgumentException e) {
                // one answer for every miss: what the files under the directory are is nobody's business
                throw new IllegalArgumentException(NOT_UNDER_BASE);
            }
        } else {
            check(v, png);
        }
        return PREFIX + Base64.getEncoder().encodeToString(png);
    }

    private static byte[] decode(String uri) {
        if (!uri.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a data URI here must start with " + PREFIX);
        }
        try {
            return Base64.getMimeDecoder().decode(uri.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the data URI is not valid base64");
        }
    }

    private byte[] read(String name) {
        Path file;
        try {
            file = baseDir.resolve(name);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("\"" + name + "\" is not a file path");
        }
        try {
            long size = Files.size(file);
            // A device or a pipe (/dev/zero, /dev/stdin) would never end or never answer: only plain files
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("\"" + name + "\" (" + file + ") is not a regular file");
            }
            if (size > MAX_BYTES) {
                throw tooBig("\"" + name + "\"", size);
            }
            try (InputStream in = Files.newInputStream(file)) {
                return in.readNBytes(MAX_BYTES + 1); // a file that grew meanwhile is refused by check()
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("file \"" + name + "\" not found (looked for " + file + ")");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("cannot read \"" + name + "\" (" + file + "): permission denied");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read \"" + name + "\" (" + file + "): " + e.getMessage());
        }
    }

    private byte[] readConfined(String name) {
        Path file = underBase(name).orElseThrow(() -> new IllegalArgumentException(NOT_UNDER_BASE));
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(MAX_BYTES + 1); // a larger file is refused by check()
        } catch (IOException e) {
            throw new IllegalArgumentException(NOT_UNDER_BASE);
        }
    }

    /** The regular file {@code name} is, when it is under the base directory once links are followed. */
    private Optional<Path> underBase(String name) {
        try {
            Path relative = Path.of(name);
            Path base = baseDir.toRealPath();
            Path file = base.resolve(relative).normalize();
            if (relative.isAbsolute() || !file.startsWith(base)) {
                return Optional.empty();
            }
            Path real = file.toRealPath();
            return real.startsWith(base) && Files.isRegularFile(real) ? Optional.of(real) : Optional.empty();
        } catch (InvalidPathException | IOException e) {
            return Optional.empty();
        }
    }

    private static void check(String name, byte[] png) {
        String shown = name.startsWith("data:") ? "the data URI" : "\"" + name + "\"";
        if (png.length < 24 || !Arrays.equals(png, 0, 8, PNG_SIGNATURE, 0, 8)) {
            throw new IllegalArgumentException(shown + " is not a PNG image");
        }
        if (png.length > MAX_BYTES) {
            throw tooBig(shown, png.length);
        }
        ByteBuffer header = ByteBuffer.wrap(png, 16, 8); // IHDR: width and height, big-endian
        int width = header.getInt();
        int height = header.getInt();
        if (width != 64 || height != 64) {
            throw new IllegalArgumentException(
                    shown + " is " + width + "x" + height + " pixels; a server icon must be 64x64");
        }
    }

    private static IllegalArgumentException tooBig(String name, long size) {
        return new IllegalArgumentException(name + " is " + (size + 1023) / 1024
                + " KiB; a server icon must be at most " + MAX_BYTES / 1024 + " KiB to fit the status response");
    }
}
