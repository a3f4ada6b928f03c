package dev.gamma.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes YAML to a temp file and runs the whole parse (YAML, env overrides, validation) without Vert.x. */
final class Fixture {
    private Fixture() {}

    static Path write(Path file, String yaml) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GammaConfig parse(Path file, Map<String, String> env) {
        return new ConfigParser(file, new EnvOverrides(env)).parse(content(file));
    }

    /** The file as the loader would see it, read here without Vert.x. */
    static FileContent content(Path file) {
        try {
            return FileContent.of(Files.readAllBytes(file));
        } catch (IOException e) {
            return FileContent.unreadable(e);
        }
    }

    static GammaConfig parse(Path dir, String yaml) {
        return parse(write(dir.resolve("gamma.yaml"), yaml), Map.of());
    }

    /** Every problem reported for {@code yaml}, or an empty list when it loads. */
    static List<String> problems(Path file, String yaml, Map<String, String> env) {
        write(file, yaml);
        try {
            parse(file, env);
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }
}
