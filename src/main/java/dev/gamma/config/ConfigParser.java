package dev.gamma.config;

import java.nio.file.Path;

/**
 * One load, start to end: file bytes to YAML tree to {@link GammaConfig}, with environment overrides. Blocking
 * (it may read a favicon file), so {@link ConfigLoader} runs it off the event loop.
 */
final class ConfigParser {
    private final Path file;
    private final EnvOverrides env;

    ConfigParser(Path file, EnvOverrides env) {
        this.file = file;
        this.env = env;
    }

    /** The configuration, or a {@link ConfigException} listing every problem. */
    GammaConfig parse(FileContent content) {
        Problems problems = new Problems();
        String name = file.toString();
        Tree tree;
        if (content.error() != null) {
            problems.add(Origin.file(name), "", content.error());
            tree = Tree.Mapping.empty(Origin.file(name));
        } else {
            tree = new YamlTreeReader(name, problems).read(content.bytes());
        }
        Path dir = file.toAbsolutePath().getParent();
        GammaConfig config = new ConfigReader(problems, env, dir).read(tree);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.sorted());
        }
        return config;
    }
}
