package dev.gamma.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem found while reading a configuration, so that an operator sees them all at once. */
final class Problems {
    private static final Comparator<Problem> ORDER = Comparator
            .comparing((Problem p) -> p.origin().env())
            .thenComparingInt(p -> p.origin().line());

    private final List<Problem> found = new ArrayList<>();

    /** Adds {@code origin: path: message}; an empty path leaves out the middle part. */
    void add(Origin origin, String path, String message) {
        String text = path.isEmpty() ? origin + ": " + message : origin + ": " + path + ": " + message;
        found.add(new Problem(origin, text));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** File problems first in line order, then environment ones; ties keep the order they were found in. */
    List<String> sorted() {
        return found.stream().sorted(ORDER).map(Problem::text).toList();
    }

    private record Problem(Origin origin, String text) {}
}
