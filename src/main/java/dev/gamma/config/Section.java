package dev.gamma.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed reading of one YAML map, e.g. {@code limits} or {@code routes[0].status}. A setting that is missing (or
 * null) takes its default; a bad one is reported to {@link Problems} and also takes its default, so that reading
 * goes on and finds every problem. {@link #finish()} reports the keys nobody asked for.
 */
final class Section {
    private final String path;
    private final Tree.Mapping map;
    private final Problems problems;
    private final EnvOverrides env;
    private final Set<String> asked = new LinkedHashSet<>();

    Section(String path, Tree.Mapping map, Problems problems, EnvOverrides env) {
        this.path = path;
        this.map = map;
        this.problems = problems;
        this.env = env;
    }

    /** A map inside a list, such as {@code routes[0]}; environment overrides do not reach into lists. */
    Section item(String itemPath, Tree.Mapping item) {
        return new Section(itemPath, item, problems, EnvOverrides.NONE);
    }

    String path() {
        return path;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    Origin origin() {
        return map.origin();
    }

    /** Where {@code key}'s value came from: its env variable, its line, or this map's line when it is missing. */
    Origin originOf(String key) {
        Tree override = env.scalar(path(key));
        Tree.Entry entry = map.entries().get(key);
        return override != null ? override.origin() : entry != null ? entry.value().origin() : map.origin();
    }

    /** The file's value of {@code key} (no environment override), or null when missing or null. */
    Tree raw(String key) {
        asked.add(key);
        Tree.Entry entry = map.entries().get(key);
        boolean missing = entry == null || entry.value() instanceof Tree.Scalar s && s.isNull();
        return missing ? null : entry.value();
    }

    <T> T get(String key, ValueType<T> type, T fallback) {
        Tree override = env.scalar(path(key));
        Tree value = override != null ? override : raw(key);
        asked.add(key);
        return value == null ? fallback : read(value, path(key), type, fallback);
    }

    <T> List<T> list(String key, ValueType<T> type, List<T> fallback) {
        Tree override = env.list(path(key));
        Tree value = override != null ? override : raw(key);
        asked.add(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Tree.Sequence sequence)) {
            problem(value.origin(), path(key), "expected a list, got " + value.describe());
            return fallback;
        }
        List<T> result = new ArrayList<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            T item = read(sequence.items().get(i), path(key) + "[" + i + "]", type, null);
            if (item != null) {
                result.add(item);
            }
        }
        return result;
    }

    /**
     * A setting that is one string or a list of strings (from the environment: comma-separated), as the scalars
     * themselves so that each keeps its origin. Problems here never quote the value: it may be a secret.
     */
    List<Tree.Scalar> scalars(String key) {
        Tree override = env.list(path(key));
        Tree value = override != null ? override : raw(key);
        asked.add(key);
        if (value == null) {
            return List.of();
        }
        List<Tree> items = value instanceof Tree.Sequence sequence ? sequence.items() : List.of(value);
        List<Tree.Scalar> scalars = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Tree item = items.get(i);
            if (item instanceof Tree.Scalar scalar && !scalar.isNull()) {
                scalars.add(scalar);
            } else if (!(item instanceof Tree.Scalar)) {
                String where = value instanceof Tree.Sequence ? path(key) + "[" + i + "]" : path(key);
                problem(item.origin(), where, "expected a string, got " + item.describe());
            }
        }
        return scalars;
    }

    /** The nested map under {@code key}; an empty one (all defaults) when missing or not a map. */
    Section section(String key) {
        Tree value = raw(key);
        Origin origin = value != null ? value.origin() : map.origin();
        if (value != null && !(value instanceof Tree.Mapping)) {
            problem(origin, path(key), "expected a map, got " + value.describe());
        }
        Tree.Mapping nested = value instanceof Tree.Mapping m ? m : Tree.Mapping.empty(origin);
        return new Section(path(key), nested, problems, env);
    }

    /** Reports {@code path: message} at {@code origin}. */
    void problem(Origin origin, String keyPath, String message) {
        problems.add(origin, keyPath, message);
    }

    /** Reports every key in this map that the reader never asked for, with a spelling suggestion. */
    void finish() {
        for (Map.Entry<String, Tree.Entry> e : map.entries().entrySet()) {
            if (!asked.contains(e.getKey())) {
                String hint = Suggestions.closest(e.getKey(), asked).map(s -> " (did you mean " + s + "?)").orElse("");
                problem(e.getValue().keyOrigin(), path(e.getKey()), "unknown key" + hint);
            }
        }
    }

    private <T> T read(Tree value, String keyPath, ValueType<T> type, T fallback) {
        if (!(value instanceof Tree.Scalar scalar) || scalar.isNull()) {
            problem(value.origin(), keyPath, "expected " + type.expected() + ", got " + value.describe());
            return fallback;
        }
        try {
            return type.parse().apply(scalar.text());
        } catch (IllegalArgumentException e) {
            problem(value.origin(), keyPath, e.getMessage());
            return fallback;
        }
    }
}
