package dev.gamma.config;

import java.util.List;

/** A configuration that cannot be used; {@link #problems()} lists every problem found, not just the first. */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code file:line: key.path: what is wrong} (or {@code env GAMMA_X: key.path: ...}). */
    public List<String> problems() {
        return problems;
    }
}
