package dev.gamma.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GAMMA_<PATH>} environment variables that override a setting: the key path upper-cased with {@code -} and
 * {@code .} as {@code _}, e.g. {@code GAMMA_LIMITS_PER_IP_RATE}. Lists are comma-separated. Which paths exist is
 * learnt from the reader asking for them, so the key names stay written down once, in the reader. The loader's
 * retriever hands the variables over as one of its stores ({@link ConfigSource}).
 */
final class EnvOverrides {
    static final String PREFIX = "GAMMA_";
    /** Variables the launcher and the command line read; not settings, never warned about. */
    static final Set<String> NOT_SETTINGS = Set.of(
            "GAMMA_API", "GAMMA_TOKEN", "GAMMA_CONFIG", "GAMMA_OPTS", "GAMMA_LOG_LEVEL");
    static final EnvOverrides NONE = new EnvOverrides(Map.of());

    private final Map<String, String> env;
    private final Set<String> asked = ConcurrentHashMap.newKeySet();

    EnvOverrides(Map<String, String> env) {
        Map<String, String> ours = new HashMap<>(env);
        ours.keySet().removeIf(name -> !name.startsWith(PREFIX));
        this.env = Map.copyOf(ours);
    }

    static String variable(String path) {
        return PREFIX + path.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    /** The override of a scalar setting, or null. */
    Tree scalar(String path) {
        if (env.isEmpty()) {
            return null; // also keeps the shared NONE free of state
        }
        String name = variable(path);
        asked.add(name);
        String value = env.get(name);
        return value == null ? null : new Tree.Scalar(value, Origin.env(name));
    }

    /** The override of a list setting (comma-separated, blanks dropped), or null. */
    Tree list(String path) {
        if (env.isEmpty()) {
            return null;
        }
        String name = variable(path);
        asked.add(name);
        String value = env.get(name);
        if (value == null) {
            return null;
        }
        Origin origin = Origin.env(name);
        List<Tree> items = new ArrayList<>();
        Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .forEach(s -> items.add(new Tree.Scalar(s, origin)));
        return new Tree.Sequence(items, origin);
    }

    /** {@code GAMMA_*} variables that match no setting the reader has asked for, with a suggestion each. */
    List<String> unknown() {
        Set<String> names = new TreeSet<>(env.keySet());
        names.removeIf(n -> NOT_SETTINGS.contains(n) || asked.contains(n));
        return names.stream()
                .map(n -> n + " is not a setting; ignoring it" + Suggestions.closest(n, asked)
                        .map(s -> " (did you mean " + s + "?)").orElse(""))
                .toList();
    }
}
