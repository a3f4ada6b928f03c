package dev.gamma.pipeline;

import java.util.List;

/** Plugins that cannot be used: each problem names the file or handler and what is wrong with it. */
public final class PluginException extends RuntimeException {
    private final List<String> problems;

    public PluginException(List<String> problems) {
        super(String.join("\n", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
