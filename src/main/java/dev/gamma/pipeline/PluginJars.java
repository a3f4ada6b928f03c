package dev.gamma.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The jars of a plugins directory, each with its SHA-256, once the directory and every jar are shown to be writable
 * by their owner only: a plugin runs as Gamma, so whoever may change one may run code as Gamma.
 */
final class PluginJars {
    record Jar(Path path, String sha256) {}

    private PluginJars() {}

    /** The jars in {@code dir} by file name; none when it does not exist. Throws {@link PluginException}. */
    static List<Jar> in(Path dir) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        if (!Files.isDirectory(dir)) {
            throw new PluginException(List.of(dir + " is not a directory"));
        }
        List<String> problems = new ArrayList<>();
        Path realDir = realPath(dir, problems);
        writableByOthers(dir).ifPresent(problems::add);
        if (realDir != null) {
            ancestorsWritableByOthers(realDir.getParent()).ifPresent(problems::add);
        }
        List<Jar> jars = new ArrayList<>();
        for (Path path : jarPaths(dir)) {
            Path real = realPath(path, problems);
            if (real == null) {
                continue;
            }
            if (!Files.isRegularFile(real)) {
                problems.add(path + " is not a regular file");
                continue;
            }
            Optional<String> unsafe = writableByOthers(real)
                    .or(() -> real.getParent().equals(realDir) ? Optional.empty() : writableByOthers(real.getParent()));
            if (unsafe.isPresent()) {
                problems.add(unsafe.get());
            } else {
                jars.add(new Jar(path, sha256(path, problems)));
            }
        }
        if (!problems.isEmpty()) {
            throw new PluginException(problems);
        }
        return jars;
    }

    private static List<Path> jarPaths(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new PluginException(List.of("cannot list " + dir + ": " + reason(e)));
        }
    }

    /** Where a symbolic link really leads: the file and the directory that hold the code are what must be safe. */
    private static Path realPath(Path path, List<String> problems) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            problems.add("cannot read " + path + ": " + reason(e));
            return null;
        }
    }

    /**
     * Whoever may replace a directory above the plugins directory may replace the plugins too, as sshd's
     * StrictModes reasons: each must belong to root or to the user Gamma runs as, and be writable by its owner only,
     * unless it is sticky (as {@code /tmp} is: others may add entries there, but not replace this one).
     */
    static Optional<String> ancestorsWritableByOthers(Path start) {
        for (Path ancestor = start; ancestor != null; ancestor = ancestor.getParent()) {
            Path dir = ancestor;
            Optional<String> problem = owner(dir).or(() -> sticky(dir) ? Optional.empty() : writableBits(dir));
            if (problem.isPresent()) {
                return Optional.of(problem.get() + "; it holds the plugins directory");
            }
        }
        return Optional.empty();
    }

    static Optional<String> writableByOthers(Path path) {
        return owner(path).or(() -> writableBits(path));
    }

    /** A file or directory of another user's could be changed by that user. */
    private static Optional<String> owner(Path path) {
        try {
            String owner = Files.getOwner(path).getName();
            String self = System.getProperty("user.name");
            if (owner.equals("root") || owner.equals(self)) {
                return Optional.empty();
            }
            return Optional.of(path + " belongs to " + owner + ", who could then run code in Gamma; plugins must"
                    + " belong to root or to " + self + " (chown " + self + " " + path + ")");
        } catch (UnsupportedOperationException notPosix) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot read the owner of " + path + ": " + reason(e));
        }
    }

    private static boolean sticky(Path dir) {
        try {
            return (((Integer) Files.getAttribute(dir, "unix:mode")) & 01000) != 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return false;
        }
    }

    private static Optional<String> writableBits(Path path) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(path);
        } catch (UnsupportedOperationException notPosix) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot read the permissions of " + path + ": " + reason(e));
        }
        boolean group = permissions.contains(PosixFilePermission.GROUP_WRITE);
        boolean others = permissions.contains(PosixFilePermission.OTHERS_WRITE);
        if (!group && !others) {
            return Optional.empty();
        }
        String who = group && others ? "its group and every user" : group ? "its group" : "every user";
        return Optional.of(path + " is writable by " + who + " (" + PosixFilePermissions.toString(permissions)
                + "), who could then run code in Gamma; plugins must be writable by their owner only"
                + " (chmod go-w " + path + ")");
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file (a broken link?)";
        }
        return e.getMessage();
    }

    private static String sha256(Path jar, List<String> problems) {
        try (InputStream in = Files.newInputStream(jar)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] chunk = new byte[64 * 1024];
            for (int n; (n = in.read(chunk)) > 0; ) {
                digest.update(chunk, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            problems.add("cannot read " + jar + ": " + reason(e));
            return "";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
