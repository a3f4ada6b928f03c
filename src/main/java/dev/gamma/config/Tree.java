package dev.gamma.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML document (or an environment override) as plain values that remember where they came from. */
sealed interface Tree {

    Origin origin();

    /** How a problem message names this value: {@code "text"}, {@code a list} or {@code a map}. */
    String describe();

    /** A scalar; {@code text} is null for YAML's null ({@code ~}, {@code null} or nothing). */
    record Scalar(String text, Origin origin) implements Tree {
        boolean isNull() {
            return text == null;
        }

        @Override
        public String describe() {
            return text == null ? "nothing" : "\"" + text + "\"";
        }
    }

    record Sequence(List<Tree> items, Origin origin) implements Tree {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** Keys in file order. */
    record Mapping(Map<String, Entry> entries, Origin origin) implements Tree {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        static Mapping empty(Origin origin) {
            return new Mapping(Map.of(), origin);
        }

        @Override
        public String describe() {
            return "a map";
        }
    }

    record Entry(Origin keyOrigin, Tree value) {}
}
