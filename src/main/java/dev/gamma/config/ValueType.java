package dev.gamma.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * How to read one scalar setting from its text; {@code parse} throws {@link IllegalArgumentException} with the
 * message an operator sees.
 *
 * @param expected what a value of this type is, for "expected ..., got a list"
 */
record ValueType<T>(String expected, Function<String, T> parse) {
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    private static final Pattern WHOLE = Pattern.compile("[-+]?[0-9]+");

    static final ValueType<String> STRING = new ValueType<>("a string", s -> s);
    static final ValueType<String> NON_EMPTY = STRING.where(s -> !s.isBlank(), "must not be empty");
    static final ValueType<Boolean> BOOLEAN = new ValueType<>("true or false", ValueType::bool);
    static final ValueType<Double> NUMBER = new ValueType<>("a number", ValueType::decimal);
    static final ValueType<Integer> WHOLE_NUMBER = new ValueType<>("a whole number", ValueType::whole);
    static final ValueType<Duration> DURATION = new ValueType<>("a duration", Durations::parse);
    static final ValueType<HostPort> HOST_PORT = new ValueType<>("host:port", HostPort::parse);

    /** One of a fixed set of words, e.g. {@code unknown strategy "fastest" (one of first, round-robin)}. */
    static ValueType<String> oneOf(String what, List<String> choices) {
        return new ValueType<>("one of " + String.join(", ", choices), s -> {
            if (!choices.contains(s)) {
                throw new IllegalArgumentException(
                        "unknown " + what + " \"" + s + "\" (one of " + String.join(", ", choices) + ")");
            }
            return s;
        });
    }

    /** This type, refusing values that break {@code rule}: "{rule}, got {text}". */
    ValueType<T> where(Predicate<T> ok, String rule) {
        return new ValueType<>(expected, s -> {
            T value = parse.apply(s);
            if (!ok.test(value)) {
                throw new IllegalArgumentException(rule + ", got " + (s.isBlank() ? "\"" + s + "\"" : s.strip()));
            }
            return value;
        });
    }

    private static boolean bool(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got \"" + s + "\"");
        };
    }

    private static double decimal(String s) {
        if (!DECIMAL.matcher(s.strip()).matches()) {
            throw new IllegalArgumentException("expected a number, got \"" + s + "\"");
        }
        return Double.parseDouble(s.strip());
    }

    private static int whole(String s) {
        String t = s.strip();
        if (!WHOLE.matcher(t).matches()) {
            String why = DECIMAL.matcher(t).matches() ? "expected a whole number, got " + t
                    : "expected a whole number, got \"" + s + "\"";
            throw new IllegalArgumentException(why);
        }
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number up to " + Integer.MAX_VALUE + ", got " + t);
        }
    }
}
